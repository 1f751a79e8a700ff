import {
  buildASTSchema,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';

/** The graph's person entity: every department extends it, keyed by the registry's person id. */
export const PERSON_ENTITY = 'Resident';

/** An entity type a subgraph resolves, as its contract declares it. */
export interface EntityPlan {
  type: string;
  /** The top-level fields of its first resolvable @key. */
  keyFields: string[];
  /** What `_entities` selects on it: each field the subgraph resolves (not @external), composite ones by `__typename`. */
  selection: string;
  /** Fields left out of the selection because they take required arguments the kit cannot invent. */
  skipped: string[];
  /** The @requires field sets of its fields: what a representation must carry besides the key. */
  requires: string[];
}

/** The entity types `contractSdl` resolves (`@key` without `resolvable: false`). */
export function entityPlans(contractSdl: string): EntityPlan[] {
  const document = parse(contractSdl);
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const plans: EntityPlan[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const directives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
    const key = directives.find((d) => nameOf(d) === 'key' && argument(d, 'resolvable') !== 'false');
    const keyFieldSet = key ? argument(key, 'fields') : undefined;
    if (!keyFieldSet) continue;
    plans.push(planOf(type, topLevelFields(keyFieldSet)));
  }
  return plans;
}

function planOf(type: GraphQLObjectType, keyFields: string[]): EntityPlan {
  const selected: string[] = [];
  const skipped: string[] = [];
  const requires: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const directives = field.astNode?.directives ?? [];
    if (directives.some((d) => nameOf(d) === 'external')) continue;
    const required = directives.find((d) => nameOf(d) === 'requires');
    const fieldSet = required ? argument(required, 'fields') : undefined;
    if (fieldSet) requires.push(fieldSet);
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) {
      skipped.push(field.name);
      continue;
    }
    selected.push(isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`);
  }
  return { type: type.name, keyFields, selection: selected.join(' '), skipped, requires };
}

/** The names at the top of a field set: `vehicleKeys { plate sts } id` gives `vehicleKeys`, `id`. */
export function topLevelFields(fieldSet: string): string[] {
  const document = parse(`{ ${fieldSet} }`);
  const operation = document.definitions[0];
  const selectionSet: SelectionSetNode | undefined = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  return (selectionSet?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/**
 * For each field of `type` the @requires of `plan` names, the subgraphs whose contracts resolve it
 * (declare it without @external): where the gateway would fetch it from.
 */
export function ownersOfRequiredFields(plan: EntityPlan, otherContracts: ReadonlyArray<{ name: string; sdl: string }>): Map<string, string[]> {
  const needed = [...new Set(plan.requires.flatMap(topLevelFields))];
  const owners = new Map<string, string[]>();
  for (const contract of otherContracts) {
    const resolved = resolvedFieldsOf(parse(contract.sdl), plan.type);
    for (const field of needed) if (resolved.has(field)) owners.set(field, [...(owners.get(field) ?? []), contract.name]);
  }
  return owners;
}

/** The selections of `fieldSet` whose top-level field is one of `fields`, as a field set. */
export function selectionsFor(fieldSet: string, fields: ReadonlySet<string>): string {
  const document = parse(`{ ${fieldSet} }`);
  const operation = document.definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return '';
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && fields.has(s.name.value) ? [print(s).replace(/\s+/g, ' ')] : [])).join(' ');
}

function resolvedFieldsOf(document: DocumentNode, typeName: string): Set<string> {
  const fields = new Set<string>();
  for (const definition of document.definitions) {
    if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== typeName) continue;
    for (const field of definition.fields ?? []) if (!(field.directives ?? []).some((d) => nameOf(d) === 'external')) fields.add(field.name.value);
  }
  return fields;
}

function nameOf(directive: ConstDirectiveNode): string {
  return directive.name.value.replace(/^federation__/, '');
}

/** A directive argument's value as text (strings unquoted). */
function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.BOOLEAN) return String(value.value);
  return undefined;
}
