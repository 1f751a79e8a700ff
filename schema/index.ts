export { composeSupergraph, readCommittedSupergraph, SUPERGRAPH_FILE } from './composition';
export { placeholderUrl, SUBGRAPH_NAMES, type SubgraphName } from './subgraph-names';
