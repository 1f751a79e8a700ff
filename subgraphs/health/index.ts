export type { HealthContext } from './context';
export { createHealthSubgraph, type HealthConfig, healthConfigFromEnv } from './service';
