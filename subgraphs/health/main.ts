import { runSubgraphMain } from '../kit';
import { createHealthSubgraph, healthConfigFromEnv } from './service';

runSubgraphMain('health', healthConfigFromEnv, createHealthSubgraph);
