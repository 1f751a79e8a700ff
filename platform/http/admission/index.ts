export { AdaptiveLimit, type AdaptiveLimitOptions, type WindowSummary } from './adaptive-limit';
export { admissionOptionsFromEnv } from './admission-config';
export { AdmissionControl, type AdmissionDeps, type AdmissionOptions, type AdmissionPermit, type AdmissionState, type MonotonicNow, PRIORITIES, type Priority } from './admission-control';
export { registerAdmissionMetrics } from './admission-metrics';
export { refuseOverloaded } from './overload-refusal';
export { EventLoopQueueDelay, type EventLoopQueueDelayOptions, eventLoopQueueDelay, type QueueDelaySource } from './queue-delay';
export { type OperationKind, operationKindOf, type PriorityRules, requestPriority } from './request-priority';
export { queueDelayOf, queueDelayServerTiming } from './server-timing';
