export { type AcquirerNotification, readAcquirerNotification } from './callback';
export { AcquirerClient, type AcquirerClientOptions, type AcquirerCredentials } from './client';
export { ACQUIRER_SYSTEM, AcquirerRefusedRequestError, AcquirerSystemError, OrderNotFoundError, OrderNumberTakenError, OrderStateError } from './errors';
export type { AcquirerPort, DeclineReason, OrderRef, OrderRegistration, OrderState, OrderStatus, RegisteredOrder } from './port';
