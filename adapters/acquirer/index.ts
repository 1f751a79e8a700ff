export { AcquirerClient, type AcquirerClientOptions, type AcquirerCredentials } from './client';
export { readAcquirerNotification, type AcquirerNotification } from './callback';
export { ACQUIRER_SYSTEM, AcquirerRefusedRequestError, AcquirerSystemError, OrderNotFoundError, OrderNumberTakenError, OrderStateError } from './errors';
export type { AcquirerPort, DeclineReason, OrderRef, OrderRegistration, OrderState, OrderStatus, RegisteredOrder } from './port';
