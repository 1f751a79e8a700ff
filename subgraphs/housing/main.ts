import { runSubgraphMain } from '../kit';
import { createHousingSubgraph, housingConfigFromEnv } from './service';

runSubgraphMain('housing', housingConfigFromEnv, createHousingSubgraph);
