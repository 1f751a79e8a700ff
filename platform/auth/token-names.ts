/**
 * The audience the graph's tokens are issued for: what the gateway checks by default
 * (`AUTH_AUDIENCE`), and what the development sign-on writes into the tokens it issues.
 */
export const DEFAULT_AUDIENCE = 'resident-graph';

/**
 * The issuer of the development sign-on's tokens (`legacy/sign-on`): the issuer the gateway
 * expects in development, when no `AUTH_JWKS_URL` names the city's sign-on.
 */
export const DEV_ISSUER = 'urn:resident-graph:dev-sign-on';
