import { runSubgraphMain } from '../kit';
import { createParkingSubgraph, parkingConfigFromEnv } from './service';

runSubgraphMain('parking', parkingConfigFromEnv, createParkingSubgraph);
