import {
  type ConstDirectiveNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';

/** Which tags select a variant: Apollo's contract filter. */
export interface TagFilter {
  include: ReadonlyArray<string>;
  exclude: ReadonlyArray<string>;
  hideUnreachableTypes: boolean;
}

/** How the supergraph names the directives the filter reads (a `@link` may rename them). */
export interface FilterDirectiveNames {
  tag: string;
  inaccessible: string;
  /** Prefixes of the linked specs' own types (`join__`, `link__`): never part of the API, never filtered. */
  specPrefixes: ReadonlyArray<string>;
}

/**
 * The elements a contract hides, as schema coordinates: `Type`, `Type.field`, `Type.field(arg:)`,
 * `Enum.VALUE`, `Input.field`. Elements the supergraph already marks @inaccessible are not listed.
 *
 * Follows Apollo's contract rules: a tag on an object or interface type counts for each of its
 * fields; with `include` set, only object and interface fields and unions carrying an included tag
 * stay (enums, inputs, scalars, arguments and values go only by `exclude`); `exclude` always wins;
 * an object or interface type left with no field goes, and so does a union left with no member;
 * an interface field whose type went goes too; with `hideUnreachableTypes`, so does any type no
 * remaining root field reaches. A field that still returns a hidden type is not hidden here: it
 * makes the variant invalid, and the API schema check names it, as Apollo's does.
 */
export function hiddenElements(schema: GraphQLSchema, filter: TagFilter, names: FilterDirectiveNames): Set<string> {
  const hidden = new Set<string>();
  const tagsOf = (directives: ReadonlyArray<ConstDirectiveNode> | undefined): Set<string> => tagNames(directives, names.tag);
  const excluded = (tags: Set<string>): boolean => filter.exclude.some((tag) => tags.has(tag));
  const included = (tags: Set<string>): boolean => filter.include.length === 0 || filter.include.some((tag) => tags.has(tag));
  const inaccessible = (directives: ReadonlyArray<ConstDirectiveNode> | undefined): boolean => (directives ?? []).some((d) => d.name.value === names.inaccessible);
  const types = Object.values(schema.getTypeMap()).filter((type) => isFilterable(type, names));
  const hide = (coordinate: string): boolean => {
    if (hidden.has(coordinate)) return false;
    hidden.add(coordinate);
    return true;
  };
  // What the supergraph already hides counts as hidden for the rules below, but is not reported.
  const alreadyHidden = new Set<string>();

  for (const type of types) {
    const typeTags = tagsOf(type.astNode?.directives);
    if (inaccessible(type.astNode?.directives)) alreadyHidden.add(type.name);
    else if (excluded(typeTags)) hide(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const fieldTags = new Set([...typeTags, ...tagsOf(field.astNode?.directives)]);
        if (inaccessible(field.astNode?.directives)) alreadyHidden.add(coordinate);
        else if (excluded(fieldTags) || !included(fieldTags)) hide(coordinate);
        for (const arg of field.args) {
          if (!inaccessible(arg.astNode?.directives) && excluded(tagsOf(arg.astNode?.directives))) hide(`${coordinate}(${arg.name}:)`);
        }
      }
    } else if (isUnionType(type)) {
      if (!alreadyHidden.has(type.name) && !included(typeTags)) hide(type.name);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const coordinate = `${type.name}.${value.name}`;
        if (inaccessible(value.astNode?.directives)) alreadyHidden.add(coordinate);
        else if (excluded(tagsOf(value.astNode?.directives))) hide(coordinate);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (inaccessible(field.astNode?.directives)) alreadyHidden.add(coordinate);
        else if (excluded(tagsOf(field.astNode?.directives))) hide(coordinate);
      }
    }
  }

  const gone = (coordinate: string): boolean => hidden.has(coordinate) || alreadyHidden.has(coordinate);
  // Hiding a type can empty an interface field's type, which can empty the interface: repeat until nothing moves.
  for (let changed = true; changed; ) {
    changed = false;
    for (const type of types) {
      if (gone(type.name)) continue;
      if (isObjectType(type) || isInterfaceType(type)) {
        const fields = Object.values(type.getFields());
        if (isInterfaceType(type)) {
          for (const field of fields) {
            const coordinate = `${type.name}.${field.name}`;
            if (!gone(coordinate) && gone(getNamedType(field.type).name)) changed = hide(coordinate) || changed;
          }
        }
        if (fields.every((field) => gone(`${type.name}.${field.name}`))) changed = hide(type.name) || changed;
      } else if (isUnionType(type)) {
        if (type.getTypes().every((member) => gone(member.name))) changed = hide(type.name) || changed;
      } else if (isEnumType(type)) {
        if (type.getValues().every((value) => gone(`${type.name}.${value.name}`))) changed = hide(type.name) || changed;
      } else if (isInputObjectType(type)) {
        if (Object.values(type.getFields()).every((field) => gone(`${type.name}.${field.name}`))) changed = hide(type.name) || changed;
      }
    }
  }

  if (filter.hideUnreachableTypes) {
    const reached = reachableTypes(schema, gone);
    for (const type of types) if (!gone(type.name) && !reached.has(type.name)) hide(type.name);
  }
  return hidden;
}

/** The types a client can reach from the root types through what the variant keeps. */
function reachableTypes(schema: GraphQLSchema, gone: (coordinate: string) => boolean): Set<string> {
  const reached = new Set<string>();
  const queue: GraphQLNamedType[] = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type): type is NonNullable<typeof type> => type !== null && type !== undefined && !gone(type.name),
  );
  const visit = (type: GraphQLNamedType): void => {
    if (!reached.has(type.name) && !gone(type.name)) queue.push(type);
  };
  for (let type = queue.pop(); type; type = queue.pop()) {
    if (reached.has(type.name)) continue;
    reached.add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (gone(`${type.name}.${field.name}`)) continue;
        visit(getNamedType(field.type));
        for (const arg of field.args) if (!gone(`${type.name}.${field.name}(${arg.name}:)`)) visit(getNamedType(arg.type));
      }
      // A client reaches an interface's implementations through fragments on it.
      if (isInterfaceType(type)) for (const possible of schema.getPossibleTypes(type)) visit(possible);
      for (const iface of type.getInterfaces()) visit(iface);
    } else if (isUnionType(type)) {
      for (const member of type.getTypes()) visit(member);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!gone(`${type.name}.${field.name}`)) visit(getNamedType(field.type));
    }
  }
  return reached;
}

/** Types a contract may filter: the graph's own, not GraphQL's built-ins nor the linked specs' types. */
function isFilterable(type: GraphQLNamedType, names: FilterDirectiveNames): boolean {
  if (type.name.startsWith('__')) return false;
  if (isScalarType(type) && isSpecifiedScalarType(type)) return false;
  return !names.specPrefixes.some((prefix) => type.name.startsWith(prefix));
}

function tagNames(directives: ReadonlyArray<ConstDirectiveNode> | undefined, tagDirective: string): Set<string> {
  const tags = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== tagDirective) continue;
    const name = directive.arguments?.find((arg) => arg.name.value === 'name')?.value;
    if (name?.kind === 'StringValue') tags.add(name.value);
  }
  return tags;
}
