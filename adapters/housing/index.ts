export { HousingClient, MAX_READINGS_PAGE, type HousingClientOptions } from './client';
export { HousingRetryLaterError, refusalFor } from './errors';
export { roublesToKopecks, toBill, toHome, toMeter, toReading } from './mapper';
export {
  METER_KINDS,
  type Bill,
  type BillQuery,
  type BillStatus,
  type Home,
  type HousingPort,
  type Meter,
  type MeterKind,
  type MeterReading,
  type ReadingsPage,
  type ReadingSubmission,
} from './port';
export { amountDueKopecks } from './amount-due';
export { EpdPaymentClient, type EpdPaymentClientOptions } from './epd-payment-client';
export { EpdPaymentConflictError } from './epd-payment-mapper';
export type { EpdPayment, EpdPaymentReceipt, EpdPaymentsPort } from './epd-payment-port';
