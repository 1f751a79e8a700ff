export { apiSchemaSdl } from './api-schema';
export {
  CompositionError,
  type CompositionOutcome,
  composeContracts,
  composeSupergraph,
  readCommittedSupergraph,
  readSubgraphContracts,
  SUPERGRAPH_FILE,
  type SubgraphContract,
} from './composition';
export type { CompositionProblem } from './composition-problems';
export {
  type ArtifactsOutcome,
  buildSchemaArtifacts,
  type SchemaArtifacts,
  type StaleArtifact,
  staleArtifacts,
  variantApiFile,
  variantSupergraphFile,
  writeSchemaArtifacts,
} from './schema-artifacts';
export { placeholderUrl, SUBGRAPH_NAMES, type SubgraphName } from './subgraph-names';
