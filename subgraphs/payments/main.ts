import { runSubgraphMain } from '../kit';
import { createPaymentsSubgraph, paymentsConfigFromEnv } from './service';

runSubgraphMain('payments', paymentsConfigFromEnv, createPaymentsSubgraph);
