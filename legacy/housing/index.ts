export { HousingData, type SimBill, type SimHome, type SimMeter } from './model';
export { COUNTER_TYPES, lastClosedPeriod, MONTHLY_CAP, NORM_FACTOR, NORM_PER_PERSON, openPeriod, REFUSALS, REGISTER_MAX, SOURCE_CODES, type CounterType } from './rules';
export { PORTAL_SESSION_TTL_MS as SESSION_TTL_MS } from '../kit';
export { EPD_FILE_PATH, EPD_PATH, EPD_PDF_PATH } from './epd-routes';
export { FORM_API_PATH } from './form-api-routes';
export { MAX_BATCH, MAX_HISTORY_PAGE } from './meters-routes';
export { PERSON_HEADER, SESSION_COOKIE } from './portal-auth';
export type { StoredReading } from './readings';
export { createHousingSimulator, type HousingSimulatorDefinition } from './simulator';
