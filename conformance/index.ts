export { contractDifferences } from './contract-comparison';
export { entityPlans, PERSON_ENTITY, type EntityPlan } from './entity-samples';
export { errorFaults } from './error-hygiene';
export { formatConformanceReport } from './report-format';
export { callSubgraph, type CallOutcome } from './subgraph-call';
export { verifySubgraph, type CheckResult, type ConformanceReport, type VerifyOptions } from './verify-subgraph';
