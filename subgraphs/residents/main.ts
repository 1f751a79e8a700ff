import { runSubgraphMain } from '../kit';
import { createResidentsSubgraph, residentsConfigFromEnv } from './service';

runSubgraphMain('residents', residentsConfigFromEnv, createResidentsSubgraph);
