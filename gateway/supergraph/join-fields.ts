import {
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { directivesNamed, stringArgument } from './directive-arguments';
import { JOIN_SPEC, type LinkedNames } from './linked-names';

/** Per composite type, the response keys the query planner fills itself. */
export type JoinFieldsByType = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Per composite type and response key, the selections the query planner fetches there itself,
 * as the field sets write them (`weight(unit: KILOGRAM)`): what a client's own selection of that
 * response key must equal, arguments included, to be the same value.
 */
export type JoinSelectionsByType = ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<FieldNode>>>;

/**
 * The fields the query planner fetches on its own to join subgraphs, by type: every `@key` field
 * set (`join__type(key:)`) and every `@requires` selection (`join__field(requires:)`), nested
 * selections under their own types. The planner writes them into the same response objects as the
 * client's fields, under their own names, so a client selection of the same name on that type
 * (an alias, or the field with other arguments) would collide with them. A type also counts the
 * fields of its interfaces, and an abstract type those of every possible type, since the object
 * behind a selection may be any of them.
 */
export function joinSelectionsByType(supergraph: GraphQLSchema, names: LinkedNames): JoinSelectionsByType {
  const joinType = names.directive(JOIN_SPEC, 'type');
  const joinField = names.directive(JOIN_SPEC, 'field');
  const own = new Map<string, Map<string, FieldNode[]>>();
  const collect = (type: GraphQLNamedType | undefined, selectionSet: SelectionSetNode): void => {
    if (!type || !isCompositeType(type)) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.typeCondition ? (supergraph.getType(selection.typeCondition.name.value) ?? undefined) : type, selection.selectionSet);
      } else if (selection.kind === Kind.FIELD) {
        const fields = own.get(type.name) ?? new Map<string, FieldNode[]>();
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
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
  const merged = (maps: ReadonlyArray<ReadonlyMap<string, ReadonlyArray<FieldNode>> | undefined>): Map<string, FieldNode[]> => {
    const into = new Map<string, FieldNode[]>();
    for (const map of maps) for (const [key, nodes] of map ?? []) into.set(key, [...(into.get(key) ?? []), ...nodes]);
    return into;
  };
  const expanded = new Map<string, ReadonlyMap<string, ReadonlyArray<FieldNode>>>();
  const types = Object.values(supergraph.getTypeMap());
  for (const type of types) {
    if (!isObjectType(type)) continue;
    const fields = merged([type, ...type.getInterfaces()].map((t) => own.get(t.name)));
    if (fields.size > 0) expanded.set(type.name, fields);
  }
  for (const type of types) {
    if (!isAbstractType(type)) continue;
    const fields = merged([own.get(type.name), ...supergraph.getPossibleTypes(type).map((t) => expanded.get(t.name))]);
    if (fields.size > 0) expanded.set(type.name, fields);
  }
  return expanded;
}

/** The response keys of `joinSelectionsByType`, per type. */
export function joinFieldsByType(supergraph: GraphQLSchema, names: LinkedNames): JoinFieldsByType {
  return responseKeysOf(joinSelectionsByType(supergraph, names));
}

/** Only the response keys of join selections, per type. */
export function responseKeysOf(selections: JoinSelectionsByType): JoinFieldsByType {
  return new Map([...selections].map(([type, keys]) => [type, new Set(keys.keys())]));
}

/** A `join__FieldSet` (`vehicleKeys { plate sts }`) as the selection it stands for. */
export function fieldSet(text: string): SelectionSetNode {
  const document = parse(`{${text}}`, { noLocation: true });
  const operation = document.definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('a field set is a selection');
  return operation.selectionSet;
}
