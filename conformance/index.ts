export { contractDifferences } from './contract-comparison';
export { type EntityPlan, entityPlans, PERSON_ENTITY } from './entity-samples';
export { errorFaults } from './error-hygiene';
export { formatConformanceReport } from './report-format';
export { type CallOutcome, callSubgraph } from './subgraph-call';
export { type CheckResult, type ConformanceReport, type VerifyOptions, verifySubgraph } from './verify-subgraph';
