export type { ParkingContext } from './context';
export { createParkingSubgraph, parkingConfigFromEnv, type ParkingConfig, type ParkingSubgraphOptions } from './service';
