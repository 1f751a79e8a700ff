export type { HousingContext } from './context';
export {
  DEFAULT_OUTBOX_SETTINGS,
  OUTBOX_COMPONENT,
  OUTBOX_MIGRATIONS,
  type OutboxSettings,
  type ReadingResult,
  type ReadingStatus,
  type RetryPolicy,
  type SubmissionOutcome,
} from './readings';
export { createHousingSubgraph, DEFAULT_OUTBOX_DIR, type HousingConfig, type HousingSubgraphDefinition, type HousingSubgraphOptions, housingConfigFromEnv } from './service';
