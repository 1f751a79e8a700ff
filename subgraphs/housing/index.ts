export type { HousingContext } from './context';
export { createHousingSubgraph, housingConfigFromEnv, type HousingConfig, type HousingSubgraphOptions } from './service';
export { InMemorySubmissionStore, type ReadingResult, type StoredSubmission, type SubmissionOutcome, type SubmissionStore } from './submission-store';
