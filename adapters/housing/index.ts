export { amountDueKopecks } from './amount-due';
export { HousingClient, type HousingClientOptions, MAX_READINGS_PAGE } from './client';
export { EpdPaymentClient, type EpdPaymentClientOptions } from './epd-payment-client';
export { EpdPaymentConflictError } from './epd-payment-mapper';
export type { EpdPayment, EpdPaymentReceipt, EpdPaymentsPort } from './epd-payment-port';
export { HousingRetryLaterError, refusalFor } from './errors';
export { roublesToKopecks, toBill, toHome, toMeter, toReading } from './mapper';
export {
  type Bill,
  type BillQuery,
  type BillStatus,
  type Home,
  type HousingPort,
  METER_KINDS,
  type Meter,
  type MeterKind,
  type MeterReading,
  type ReadingSubmission,
  type ReadingsPage,
} from './port';
