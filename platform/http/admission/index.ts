export { AdmissionControl, PRIORITIES, type AdmissionDeps, type AdmissionOptions, type AdmissionPermit, type AdmissionState, type MonotonicNow, type Priority } from './admission-control';
export { admissionOptionsFromEnv } from './admission-config';
export { registerAdmissionMetrics } from './admission-metrics';
export { AdaptiveLimit, type AdaptiveLimitOptions, type WindowSummary } from './adaptive-limit';
export { refuseOverloaded } from './overload-refusal';
export { EventLoopQueueDelay, eventLoopQueueDelay, type EventLoopQueueDelayOptions, type QueueDelaySource } from './queue-delay';
export { operationKindOf, requestPriority, type OperationKind, type PriorityRules } from './request-priority';
export { queueDelayOf, queueDelayServerTiming } from './server-timing';
