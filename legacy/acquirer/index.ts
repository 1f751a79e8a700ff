export type { ChargesReport } from './admin-routes';
export { type CallbackDelivery, callbackChecksum } from './callbacks';
export { MERCHANT_LOGIN, MERCHANT_NAME } from './merchant-auth';
export { ACTIONS, ORDER_STATUS, type OrderStatus, PAYMENT_STATE, RUB } from './order-status';
export { PROCESS_FORM_PATH } from './payment-form';
export { DEFAULT_SESSION_TIMEOUT_SECS, FORM_PATH, MAX_SESSION_TIMEOUT_SECS, REST_PREFIX } from './rest-routes';
export { type AcquirerOptions, createAcquirerSimulator } from './simulator';
export { type CardOutcome, luhnValid, TEST_CARDS } from './test-cards';
