export type { PaymentsContext } from './context';
export { createPaymentsSubgraph, paymentsConfigFromEnv, type PaymentsConfig } from './service';
