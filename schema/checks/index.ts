export { formatCompositionFailure, formatSchemaCheck } from './check-report-format';
export { CoordinateIndex } from './coordinate-index';
export { invalidOperations, readRegisteredOperations, type OperationTarget, type RegisteredOperation } from './operations-check';
export { CHANGES_FILE, readRecordedChanges, RecordedChangeSchema, RELEASED_DIR, type RecordedChange } from './recorded-changes';
export { API, releasedFile, runSchemaCheck, type CheckProblem, type ProblemKind, type ReportedChange, type SchemaCheckOptions, type SchemaCheckReport, type SchemaCheckResult } from './schema-check';
export { diffApiSchemas, type ChangeLevel, type SchemaChange } from './schema-diff';
export { releaseSchema, type ReleaseOutcome } from './schema-release';
