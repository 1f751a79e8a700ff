// The gateway's defaults in development; the development sign-on itself lives in legacy/sign-on.
export { DEFAULT_AUDIENCE, DEV_ISSUER } from '../../platform/auth';
export { type JwksSource, TokenVerifier, type TokenVerifierOptions } from './token-verifier';
