export { LegacyMetrics } from './legacy-metrics';
