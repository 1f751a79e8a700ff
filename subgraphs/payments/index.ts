export type { PaymentsContext } from './context';
export { ACQUIRER_CALLBACK_PATH } from './acquirer-callback';
export { createPaymentsSubgraph, DEFAULT_PAYMENTS_SETTINGS, paymentsConfigFromEnv, type PaymentsConfig, type PaymentsSubgraphOptions } from './service';
export { PAYMENTS_COMPONENT, PAYMENTS_MIGRATIONS } from './store/migrations';
export type { PaymentRecord, PaymentStatus, TargetKind } from './types';
