import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { directivesNamed, stringArgument } from './directive-arguments';
import { JOIN_SPEC, type LinkedNames } from './linked-names';

/** Per composite type, the response keys the query planner fills itself. */
export type JoinFieldsByType = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The fields the query planner fetches on its own to join subgraphs, by type: every `@key` field
 * set (`join__type(key:)`) and every `@requires` selection (`join__field(requires:)`), nested
 * selections under their own types. The planner writes them into the same response objects as the
 * client's fields, under their own names, so a client alias of the same name on that type would
 * collide with them. A type also counts the fields of its interfaces, and an abstract type those
 * of every possible type, since the object behind a selection may be any of them.
 */
export function joinFieldsByType(supergraph: GraphQLSchema, names: LinkedNames): JoinFieldsByType {
  const joinType = names.directive(JOIN_SPEC, 'type');
  const joinField = names.directive(JOIN_SPEC, 'field');
  const own = new Map<string, Set<string>>();
  const collect = (type: GraphQLNamedType | undefined, selectionSet: SelectionSetNode): void => {
    if (!type || !isCompositeType(type)) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.typeCondition ? supergraph.getType(selection.typeCondition.name.value) ?? undefined : type, selection.selectionSet);
      } else if (selection.kind === Kind.FIELD) {
        const fields = own.get(type.name) ?? new Set<string>();
        fields.add(selection.name.value);
        own.set(type.name, fields);
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (selection.selectionSet && field) collect(getNamedType(field.type), selection.selectionSet);
      }
    }
  };

  for (const type of Object.values(supergraph.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const directive of directivesNamed([type.astNode, ...type.extensionASTNodes], joinType)) {
      const key = stringArgument(directive, 'key');
      if (key) collect(type, fieldSet(key));
    }
    for (const field of Object.values(type.getFields())) {
      for (const directive of directivesNamed([field.astNode], joinField)) {
        const requires = stringArgument(directive, 'requires');
        if (requires) collect(type, fieldSet(requires));
      }
    }
  }

  // Objects first (their own and their interfaces'), then abstract types (theirs and every
  // possible object's, so an interface's key reaches a union of its implementations too).
  const ownOf = (name: string): string[] => [...(own.get(name) ?? [])];
  const expanded = new Map<string, ReadonlySet<string>>();
  const types = Object.values(supergraph.getTypeMap());
  for (const type of types) {
    if (!isObjectType(type)) continue;
    const fields = new Set([type, ...type.getInterfaces()].flatMap((t) => ownOf(t.name)));
    if (fields.size > 0) expanded.set(type.name, fields);
  }
  for (const type of types) {
    if (!isAbstractType(type)) continue;
    const fields = new Set([...ownOf(type.name), ...supergraph.getPossibleTypes(type).flatMap((t) => [...(expanded.get(t.name) ?? [])])]);
    if (fields.size > 0) expanded.set(type.name, fields);
  }
  return expanded;
}

/** A `join__FieldSet` (`vehicleKeys { plate sts }`) as the selection it stands for. */
export function fieldSet(text: string): SelectionSetNode {
  const document = parse(`{${text}}`, { noLocation: true });
  const operation = document.definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('a field set is a selection');
  return operation.selectionSet;
}
