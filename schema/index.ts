export { apiSchemaSdl } from './api-schema';
export { composeContracts, composeSupergraph, CompositionError, readCommittedSupergraph, readSubgraphContracts, SUPERGRAPH_FILE, type CompositionOutcome, type SubgraphContract } from './composition';
export type { CompositionProblem } from './composition-problems';
export { buildSchemaArtifacts, staleArtifacts, variantApiFile, variantSupergraphFile, writeSchemaArtifacts, type ArtifactsOutcome, type SchemaArtifacts, type StaleArtifact } from './schema-artifacts';
export { placeholderUrl, SUBGRAPH_NAMES, type SubgraphName } from './subgraph-names';
