export type { ParkingContext } from './context';
export { createParkingSubgraph, type ParkingConfig, type ParkingSubgraphOptions, parkingConfigFromEnv } from './service';
