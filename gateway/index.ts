export { DEFAULT_AUDIENCE, DEV_ISSUER, DevSignOn, TokenVerifier } from './auth';
export { gatewayConfigFromEnv, type GatewayConfig } from './gateway-config';
export type { GatewayContext } from './gateway-context';
export { startGateway, type GatewayDeps, type RunningGateway } from './gateway-server';
