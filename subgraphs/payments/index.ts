export type { PaymentsContext } from './context';
export { ACQUIRER_CALLBACK_PATH } from './acquirer-callback';
export { createPaymentsSubgraph, DEFAULT_PAYMENTS_SETTINGS, paymentsConfigFromEnv, type PaymentsConfig, type PaymentsSubgraphOptions } from './service';
export type { PaymentRecord, PaymentStatus, TargetKind } from './types';
