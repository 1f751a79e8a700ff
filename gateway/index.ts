export { DEFAULT_AUDIENCE, DEV_ISSUER, TokenVerifier, type JwksSource } from './auth';
export { DEFAULT_RATE_LIMITS, gatewayConfigFromEnv, subgraphUrlsFromEnv, type GatewayConfig } from './gateway-config';
export type { GatewayContext } from './gateway-context';
export { readContractVariants, type ContractVariantConfig } from './contracts/contract-variants';
export type { ContractCallers } from './contracts/contract-callers';
export { startGateway, WHOLE_GRAPH, type GatewayDeps, type RunningGateway, type ServedSupergraph } from './gateway-server';
export { SubgraphUrls, subgraphUrlVariable, supergraphHash, type ReloadResult } from './supergraph';
export { DEFAULT_QUERY_LIMITS, type QueryLimits, type RateLimit, type RateLimitConfig } from './limits';
export { buildManifest, ManifestError, TrustedDocuments, type PersistedQueryManifest } from './trusted-documents';
