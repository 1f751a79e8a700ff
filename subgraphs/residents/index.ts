export type { ResidentsContext } from './context';
export { createResidentsSubgraph, type ResidentsConfig, residentsConfigFromEnv } from './service';
