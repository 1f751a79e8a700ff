export { HousingData, type SimBill, type SimHome, type SimMeter } from './model';
export { COUNTER_TYPES, lastClosedPeriod, MONTHLY_CAP, NORM_FACTOR, NORM_PER_PERSON, openPeriod, REFUSALS, REGISTER_MAX, type CounterType } from './rules';
export { SESSION_TTL_MS } from './sessions';
export { createHousingSimulator, type HousingSimulatorDefinition, type StoredReading, MAX_BATCH, MAX_HISTORY_PAGE, PERSON_HEADER, SESSION_COOKIE } from './simulator';
