export type { SchoolContext } from './context';
export { MAX_MEAL_DAYS_PAGE, MAX_RANGE_DAYS } from './arguments';
export { createSchoolSubgraph, schoolConfigFromEnv, type SchoolConfig } from './service';
