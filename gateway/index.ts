export { DEFAULT_AUDIENCE, DEV_ISSUER, type JwksSource, TokenVerifier } from './auth';
export type { ContractCallers } from './contracts/contract-callers';
export { type ContractVariantConfig, readContractVariants } from './contracts/contract-variants';
export { DEFAULT_RATE_LIMITS, type GatewayConfig, gatewayConfigFromEnv, subgraphUrlsFromEnv } from './gateway-config';
export type { GatewayContext } from './gateway-context';
export { type GatewayDeps, type RunningGateway, type ServedSupergraph, startGateway, WHOLE_GRAPH } from './gateway-server';
export { DEFAULT_QUERY_LIMITS, type QueryLimits, type RateLimit, type RateLimitConfig } from './limits';
export { type ReloadResult, SubgraphUrls, subgraphUrlVariable, supergraphHash } from './supergraph';
export { buildManifest, ManifestError, type PersistedQueryManifest, TrustedDocuments } from './trusted-documents';
