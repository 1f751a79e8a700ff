export { DEFAULT_AUDIENCE, DEV_ISSUER, DevSignOn } from './dev-sign-on';
export { TokenVerifier, type JwksSource, type TokenVerifierOptions } from './token-verifier';
