export type { HousingContext } from './context';
export { retryDelayMs, type RetryPolicy } from './delivery';
export { DEFAULT_OUTBOX_SETTINGS, HousingOutbox, type OutboxSettings } from './outbox';
export { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS, type ReadingResult, type ReadingStatus, type SubmissionOutcome } from './outbox-store';
export { createHousingSubgraph, DEFAULT_OUTBOX_DIR, housingConfigFromEnv, type HousingConfig, type HousingSubgraphDefinition, type HousingSubgraphOptions } from './service';
