export type { HealthContext } from './context';
export { createHealthSubgraph, healthConfigFromEnv, type HealthConfig } from './service';
