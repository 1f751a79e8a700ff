import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { CostDirectives } from '../supergraph';
import { DEFAULT_DEMAND, type DemandDefaults, estimateDemand } from './demand-cost';

export interface DemandLimitOptions {
  /** The most an operation may be estimated to cost (see `estimateDemand`). */
  maxDemand: number;
  /** The weights of the supergraph being served. */
  directives: () => CostDirectives;
  /** Say the estimate and the limit in the refusal (development), or not (production). */
  exposeLimit: boolean;
  defaults?: DemandDefaults;
}

/**
 * Refuses an operation whose estimated demand is above the limit once it is resolved, with its
 * variables known and before anything is planned or called (`COST_ESTIMATED_TOO_EXPENSIVE`,
 * HTTP 400). An operation without variables always costs the same, so its estimate is kept with
 * its parsed document (Apollo reuses one per distinct text) for as long as the document lives.
 */
export function useDemandLimit(options: DemandLimitOptions): ApolloServerPlugin {
  const known = new WeakMap<CostDirectives, WeakMap<OperationDefinitionNode, number>>();
  const estimate = (operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown> | undefined): number => {
    const directives = options.directives();
    const constant = !operation.variableDefinitions?.length;
    const cache = known.get(directives) ?? new WeakMap<OperationDefinitionNode, number>();
    known.set(directives, cache);
    const cached = constant ? cache.get(operation) : undefined;
    if (cached !== undefined) return cached;
    const demand = estimateDemand(operation, fragmentsOf(document), variables, directives, options.defaults ?? DEFAULT_DEMAND);
    if (constant) cache.set(operation, demand);
    return demand;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const demand = estimate(operation, document, request.variables);
          if (demand <= options.maxDemand) return;
          const message = options.exposeLimit
            ? `The operation is estimated to cost ${demand} calls of the systems behind the graph; one request may cost at most ${options.maxDemand}.`
            : 'The operation would cost the systems behind the graph more than one request may.';
          throw new GraphQLError(message, { extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', http: { status: 400 } } });
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}
