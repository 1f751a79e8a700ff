export type { HousingContext } from './context';
export { retryDelayMs, type RetryPolicy } from './readings/delivery';
export { DEFAULT_OUTBOX_SETTINGS, HousingOutbox, type OutboxSettings } from './readings/worker';
export { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS, type ReadingResult, type ReadingStatus, type SubmissionOutcome } from './readings/outbox-store';
export { createHousingSubgraph, DEFAULT_OUTBOX_DIR, housingConfigFromEnv, type HousingConfig, type HousingSubgraphDefinition, type HousingSubgraphOptions } from './service';
