export { formatCompositionFailure, formatSchemaCheck } from './check-report-format';
export { CoordinateIndex } from './coordinate-index';
export { invalidOperations, type OperationTarget, type RegisteredOperation, readRegisteredOperations } from './operations-check';
export { CHANGES_FILE, RELEASED_DIR, type RecordedChange, RecordedChangeSchema, readRecordedChanges } from './recorded-changes';
export {
  API,
  type CheckProblem,
  type ProblemKind,
  type ReportedChange,
  releasedFile,
  runSchemaCheck,
  type SchemaCheckOptions,
  type SchemaCheckReport,
  type SchemaCheckResult,
} from './schema-check';
export { type ChangeLevel, diffApiSchemas, type SchemaChange } from './schema-diff';
export { type ReleaseOutcome, releaseSchema } from './schema-release';
