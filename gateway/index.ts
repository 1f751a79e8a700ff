export { DEFAULT_AUDIENCE, DEV_ISSUER, TokenVerifier, type JwksSource } from './auth';
export { DEFAULT_RATE_LIMITS, gatewayConfigFromEnv, type GatewayConfig } from './gateway-config';
export type { GatewayContext } from './gateway-context';
export { startGateway, type GatewayDeps, type RunningGateway } from './gateway-server';
export { DEFAULT_QUERY_LIMITS, type QueryLimits, type RateLimit, type RateLimitConfig } from './limits';
export { buildManifest, ManifestError, TrustedDocuments, type PersistedQueryManifest } from './trusted-documents';
