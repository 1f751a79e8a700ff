export { PaymentsRegisterClient, type PaymentsRegisterClientOptions } from './client';
export { PAYMENTS_REGISTER_SYSTEM, RegisterPaymentConflictError } from './errors';
export type { ConfirmationResult, FinePayment, PaymentsRegisterPort } from './port';
