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
