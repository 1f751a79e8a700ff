import {
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import type { CostDirectives } from '../supergraph';

/** What the demand estimate assumes where the supergraph says nothing. */
export interface DemandDefaults {
  /**
   * Items of a list field with neither `@listSize` nor a slicing argument given. Default 10.
   */
  listSize: number;
}

/** The defaults: a list nobody sized is taken to hold 10 items. */
export const DEFAULT_DEMAND: DemandDefaults = { listSize: 10 };

/**
 * What one operation will cost the systems behind the graph, estimated before anything is called,
 * as the IBM GraphQL cost specification counts it statically: a field's `@cost` weight is paid
 * once per call of its resolver (for our subgraphs, the legacy calls one call of the field makes,
 * however many items it returns); a type's `@cost` weight is paid per object of it returned; a
 * field also pays the weights of the arguments given and what its `@requires` selection costs (the
 * gateway fetches it first); and a list field pays its size times what each item's selection
 * costs. The size is the largest slicing argument given (a literal, a variable's value, or the
 * argument's default), else `@listSize(assumedSize:)`, else `defaults.listSize`; a connection's
 * `sizedFields` take the size of the field that sliced them.
 *
 * Apollo Router's demand control differs in two ways, on purpose: it multiplies a list field's own
 * weight by the list's size (a field that makes one legacy call for a whole list would seem to
 * make one per item), and it gives every object a weight of 1 and mutations a base cost of 10.
 * Here an element without `@cost` weighs nothing: the structure of an operation is what
 * graphql-armor's cost limit bounds, and this one prices only what the subgraphs declare. Skipped
 * selections (`@skip`, `@include`) cost nothing; fragments cost the sum of their selections,
 * whatever their type condition.
 */
export function estimateDemand(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>> | undefined,
  directives: CostDirectives,
  defaults: DemandDefaults = DEFAULT_DEMAND,
): number {
  const schema = directives.schema;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragmentCosts = new Map<string, number>();

  const included = (nodeDirectives: ReadonlyArray<DirectiveNode> | undefined): boolean => {
    for (const directive of nodeDirectives ?? []) {
      const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
      if (!condition || (directive.name.value !== 'skip' && directive.name.value !== 'include')) continue;
      const value = valueFromASTUntyped(condition, variables as Record<string, unknown> | undefined) as unknown;
      if (directive.name.value === 'skip' ? value === true : value === false) return false;
    }
    return true;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, sized?: ReadonlyMap<string, number>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!included(selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, sized);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, sized);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  };

  // A fragment's cost does not depend on where it is spread; reckoned once, so a document that
  // spreads fragments into fragments cannot make the estimate itself expensive.
  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    fragmentCosts.set(name, 0);
    const fragment = fragments[name];
    const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    const cost = fragment && type && isCompositeType(type) ? selectionCost(fragment.selectionSet, type) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, sized?: ReadonlyMap<string, number>): number => {
    if (node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const field = parent.getFields()[node.name.value];
    if (!field) return 0;
    const type = getNamedType(field.type);
    const callWeight = directives.fieldWeight(parent.name, field.name) ?? 0;
    const itemWeight = directives.typeWeight(type.name) ?? 0;
    const listSize = directives.listSize(parent.name, field.name);
    const slice = slicingSize(node, field, listSize?.slicingArguments ?? [], variables);
    const childSized = slice !== undefined && listSize?.sizedFields.length ? new Map(listSize.sizedFields.map((name) => [name, slice])) : undefined;
    const children = node.selectionSet && isCompositeType(type) ? selectionCost(node.selectionSet, type, childSized) : 0;
    // A connection's slicing argument sizes its `sizedFields`, not the connection itself.
    const ownSlice = listSize?.sizedFields.length ? undefined : slice;
    const isList = isListType(getNullableType(field.type));
    const count = isList ? (sized?.get(node.name.value) ?? ownSlice ?? listSize?.assumedSize ?? defaults.listSize) : 1;
    let argumentsCost = 0;
    for (const argument of node.arguments ?? []) argumentsCost += directives.argumentWeight(parent.name, field.name, argument.name.value) ?? 0;
    const requires = directives.requires(parent.name, field.name);
    const requiresCost = requires ? selectionCost(requires, parent) : 0;
    return callWeight + count * (itemWeight + children) + argumentsCost + requiresCost;
  };

  return selectionCost(operation.selectionSet, root);
}

/** The largest slicing argument the field is given (its default counts as given), if any. */
function slicingSize(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  slicingArguments: ReadonlyArray<string>,
  variables: Readonly<Record<string, unknown>> | undefined,
): number | undefined {
  let size: number | undefined;
  for (const name of slicingArguments) {
    const given = node.arguments?.find((a) => a.name.value === name);
    const value: unknown = (given ? valueFromASTUntyped(given.value, variables as Record<string, unknown> | undefined) : undefined) ?? field.args.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) size = Math.max(size ?? 0, value);
  }
  return size;
}
