import { Supergraph } from '@apollo/federation-internals';
import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { readCommittedSupergraph } from '../../../schema';

/**
 * The committed supergraph as a test reads it, straight from its SDL (not through the gateway's
 * own reading of it): which subgraph resolves each field, which fields the query planner fetches
 * for `@key` and `@requires`, and the API schema clients see.
 */
export class SupergraphReading {
  readonly sdl = readCommittedSupergraph();
  readonly api: GraphQLSchema = Supergraph.build(this.sdl).apiSchema().toGraphQLJSSchema();
  private readonly document = parse(this.sdl);
  /** join__Graph enum value (`HEALTH`) → subgraph name (`health`). */
  readonly graphNames = new Map<string, string>();

  constructor() {
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
      for (const value of definition.values ?? []) {
        const name = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name')?.value;
        if (name?.kind === Kind.STRING) this.graphNames.set(value.name.value, name.value);
      }
    }
  }

  private typeNode(type: string) {
    return this.document.definitions.find((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) && d.name.value === type) as
      | { name: { value: string }; directives?: ReadonlyArray<DirectiveLike>; fields?: ReadonlyArray<{ name: { value: string }; directives?: ReadonlyArray<DirectiveLike> }> }
      | undefined;
  }

  /** The subgraph names that resolve `type.field` (its join__field graphs, else its type's). */
  ownersOf(type: string, field: string): string[] {
    const node = this.typeNode(type);
    const fieldNode = node?.fields?.find((f) => f.name.value === field);
    const graphs = (fieldNode?.directives ?? []).filter((d) => d.name.value === 'join__field' && !isTrue(arg(d, 'external'))).map((d) => arg(d, 'graph'));
    const fromType = (node?.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => arg(d, 'graph'));
    return (graphs.length > 0 ? graphs : fromType).flatMap((g) => (g?.kind === Kind.ENUM ? [this.graphNames.get(g.value) ?? g.value] : []));
  }

  /** Per type, the response keys the planner fetches for joins: key fields and `@requires` selections, nested ones under their own types. */
  joinFields(): Map<string, Set<string>> {
    const reserved = new Map<string, Set<string>>();
    const add = (type: string, set: SelectionSetNode) => {
      const schemaType = this.supergraphSchemaType(type);
      for (const selection of set.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        reserved.set(type, (reserved.get(type) ?? new Set()).add(selection.name.value));
        const fieldType = schemaType && (isObjectType(schemaType) || isInterfaceType(schemaType)) ? schemaType.getFields()[selection.name.value]?.type : undefined;
        if (selection.selectionSet && fieldType) add(getNamedType(fieldType).name, selection.selectionSet);
      }
    };
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
      for (const d of definition.directives ?? []) {
        const key = d.name.value === 'join__type' ? arg(d, 'key') : undefined;
        if (key?.kind === Kind.STRING) add(definition.name.value, selectionOf(key.value));
      }
      for (const field of definition.fields ?? []) {
        for (const d of field.directives ?? []) {
          const requires = d.name.value === 'join__field' ? arg(d, 'requires') : undefined;
          if (requires?.kind === Kind.STRING) add(definition.name.value, selectionOf(requires.value));
        }
      }
    }
    return reserved;
  }

  /** The fields of `type` whose `@requires` selection names `field` at its top. */
  fieldsRequiring(type: string, field: string): string[] {
    const node = this.typeNode(type);
    return (node?.fields ?? [])
      .filter((f) =>
        (f.directives ?? []).some((d) => {
          const requires = d.name.value === 'join__field' ? arg(d, 'requires') : undefined;
          return requires?.kind === Kind.STRING && selectionOf(requires.value).selections.some((s) => s.kind === Kind.FIELD && s.name.value === field);
        }),
      )
      .map((f) => f.name.value);
  }

  /** A path of root query fields without required arguments that leads to `type`, e.g. `['me']`. */
  pathTo(type: string, maxDepth = 3): string[] | undefined {
    const query = this.api.getQueryType();
    if (!query) return undefined;
    const queue: Array<{ type: string; path: string[] }> = [{ type: query.name, path: [] }];
    while (queue.length > 0) {
      const { type: current, path } = queue.shift()!;
      if (current === type && path.length > 0) return path;
      const found = this.api.getType(current);
      if (path.length >= maxDepth || !found || !(isObjectType(found) || isInterfaceType(found))) continue;
      for (const field of Object.values(found.getFields())) {
        if (field.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) continue;
        queue.push({ type: getNamedType(field.type).name, path: [...path, field.name] });
      }
    }
    return undefined;
  }

  private supergraphSchema: GraphQLSchema | undefined;
  private supergraphSchemaType(type: string) {
    this.supergraphSchema ??= Supergraph.build(this.sdl).schema.toGraphQLJSSchema();
    return this.supergraphSchema.getType(type);
  }

  /** A leaf field of an API type that takes no required argument and is not in `except`. */
  leafOf(type: string, except: ReadonlySet<string>): string | undefined {
    const found = this.api.getType(type);
    if (!found || !(isObjectType(found) || isInterfaceType(found))) return undefined;
    return Object.values(found.getFields()).find(
      (f) => isLeafType(getNamedType(f.type)) && !except.has(f.name) && f.args.every((a) => a.defaultValue !== undefined || !a.type.toString().endsWith('!')),
    )?.name;
  }

  /** The field names of an API type (none when the API has no such object or interface). */
  apiFieldsOf(type: string): string[] {
    const found = this.api.getType(type);
    return found && (isObjectType(found) || isInterfaceType(found)) ? Object.keys(found.getFields()) : [];
  }

  /** `field { __typename }` or `field`, as a selection of an API field without required arguments. */
  selectionOf(type: string, field: string): string {
    const found = this.api.getType(type);
    const fieldType = found && (isObjectType(found) || isInterfaceType(found)) ? found.getFields()[field]?.type : undefined;
    return fieldType && isCompositeType(getNamedType(fieldType)) ? `${field} { __typename }` : field;
  }

  /** Names the supergraph gives that the API schema hides (`@inaccessible`). */
  hiddenNames(): Set<string> {
    const hidden = new Set<string>();
    for (const definition of this.document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      if (definition.directives?.some((d) => d.name.value === 'inaccessible')) hidden.add(definition.name.value);
      for (const field of definition.fields ?? []) if (field.directives?.some((d) => d.name.value === 'inaccessible')) hidden.add(field.name.value);
    }
    return hidden;
  }
}

type DirectiveLike = ConstDirectiveNode;

function arg(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function isTrue(value: ConstValueNode | undefined): boolean {
  return value?.kind === Kind.BOOLEAN && value.value;
}

function selectionOf(fieldSet: string): SelectionSetNode {
  const operation = parse(`{${fieldSet}}`).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not a field set');
  return operation.selectionSet;
}
