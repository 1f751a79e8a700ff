export { CostDirectives, type ListSize } from './cost-directives';
export { joinFieldsByType, type JoinFieldsByType } from './join-fields';
export { LinkedNames } from './linked-names';
export { PublicSurface } from './public-surface';
export { LoadedSupergraph, readSupergraphFacts, type SupergraphFacts } from './supergraph-facts';
