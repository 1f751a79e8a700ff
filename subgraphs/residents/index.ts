export type { ResidentsContext } from './context';
export { createResidentsSubgraph, residentsConfigFromEnv, type ResidentsConfig } from './service';
