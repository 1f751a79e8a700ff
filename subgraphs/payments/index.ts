export { ACQUIRER_CALLBACK_PATH } from './acquirer-callback';
export type { PaymentsContext } from './context';
export { createPaymentsSubgraph, DEFAULT_PAYMENTS_SETTINGS, type PaymentsConfig, type PaymentsSubgraphOptions, paymentsConfigFromEnv } from './service';
export { PAYMENTS_COMPONENT, PAYMENTS_MIGRATIONS } from './store/migrations';
export type { PaymentRecord, PaymentStatus, TargetKind } from './types';
