export { MAX_MEAL_DAYS_PAGE, MAX_RANGE_DAYS } from './arguments';
export type { SchoolContext } from './context';
export { createSchoolSubgraph, type SchoolConfig, schoolConfigFromEnv } from './service';
