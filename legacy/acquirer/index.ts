export { createAcquirerSimulator, type AcquirerOptions } from './simulator';
export { callbackChecksum, type CallbackDelivery } from './callbacks';
export { MERCHANT_LOGIN, MERCHANT_NAME } from './merchant-auth';
export { ACTIONS, ORDER_STATUS, PAYMENT_STATE, RUB, type OrderStatus } from './order-status';
export { DEFAULT_SESSION_TIMEOUT_SECS, FORM_PATH, MAX_SESSION_TIMEOUT_SECS, REST_PREFIX } from './rest-routes';
export { PROCESS_FORM_PATH } from './payment-form';
export { luhnValid, TEST_CARDS, type CardOutcome } from './test-cards';
export type { ChargesReport } from './admin-routes';
