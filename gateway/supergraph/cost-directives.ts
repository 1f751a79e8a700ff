import { type GraphQLSchema, isInputObjectType, isInterfaceType, isObjectType, type SelectionSetNode } from 'graphql';
import { directivesNamed, intArgument, stringArgument, stringListArgument } from './directive-arguments';
import { fieldSet } from './join-fields';
import { COST_SPEC, JOIN_SPEC, type LinkedNames } from './linked-names';

/** A list field's `@listSize`: how many items it holds, or which arguments say so. */
export interface ListSize {
  /** The size to assume when no slicing argument tells it. */
  assumedSize?: number;
  /** Arguments whose value is the list's size (`first`); the largest given counts. */
  slicingArguments: ReadonlyArray<string>;
  /** Child fields that are the sized lists, for a connection-like object (`edges`). */
  sizedFields: ReadonlyArray<string>;
}

/**
 * The demand-control directives of a supergraph (the `cost` spec, IBM's GraphQL cost directive,
 * as Apollo Federation 2.9+ composes it): `@cost(weight:)` on fields, types and arguments, and
 * `@listSize` on list fields, plus each field's `@requires` selection, which the gateway fetches
 * (and so pays for) whenever the field is asked. Read once per supergraph.
 */
export class CostDirectives {
  private readonly typeWeights = new Map<string, number>();
  private readonly fieldWeights = new Map<string, number>();
  private readonly argumentWeights = new Map<string, number>();
  private readonly listSizes = new Map<string, ListSize>();
  private readonly requiresSelections = new Map<string, SelectionSetNode>();

  constructor(
    /** The supergraph's own schema: `@requires` selections name fields the API schema hides. */
    readonly schema: GraphQLSchema,
    names: LinkedNames,
  ) {
    const cost = names.directive(COST_SPEC, 'cost');
    const listSize = names.directive(COST_SPEC, 'listSize');
    const joinField = names.directive(JOIN_SPEC, 'field');
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const typeWeight = directivesNamed([type.astNode, ...type.extensionASTNodes], cost)[0];
      if (typeWeight) this.typeWeights.set(type.name, intArgument(typeWeight, 'weight') ?? 0);
      if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const weight = directivesNamed([field.astNode], cost)[0];
        if (weight) this.fieldWeights.set(key, intArgument(weight, 'weight') ?? 0);
        if (isInputObjectType(type)) continue;
        for (const arg of 'args' in field ? field.args : []) {
          const argWeight = directivesNamed([arg.astNode], cost)[0];
          if (argWeight) this.argumentWeights.set(`${key}(${arg.name})`, intArgument(argWeight, 'weight') ?? 0);
        }
        const size = directivesNamed([field.astNode], listSize)[0];
        if (size) {
          const assumedSize = intArgument(size, 'assumedSize');
          this.listSizes.set(key, {
            ...(assumedSize !== undefined ? { assumedSize } : {}),
            slicingArguments: stringListArgument(size, 'slicingArguments'),
            sizedFields: stringListArgument(size, 'sizedFields'),
          });
        }
        for (const join of directivesNamed([field.astNode], joinField)) {
          const requires = stringArgument(join, 'requires');
          if (requires && !this.requiresSelections.has(key)) this.requiresSelections.set(key, fieldSet(requires));
        }
      }
    }
  }

  /** `@cost` on a type: what returning one of it costs, for fields without their own weight. */
  typeWeight(type: string): number | undefined {
    return this.typeWeights.get(type);
  }

  /** `@cost` on a field (of an object, an interface or an input). */
  fieldWeight(type: string, field: string): number | undefined {
    return this.fieldWeights.get(`${type}.${field}`);
  }

  /** `@cost` on an argument, paid when the argument is given. */
  argumentWeight(type: string, field: string, argument: string): number | undefined {
    return this.argumentWeights.get(`${type}.${field}(${argument})`);
  }

  listSize(type: string, field: string): ListSize | undefined {
    return this.listSizes.get(`${type}.${field}`);
  }

  /** The `@requires` selection the gateway fetches before it can resolve the field. */
  requires(type: string, field: string): SelectionSetNode | undefined {
    return this.requiresSelections.get(`${type}.${field}`);
  }
}
