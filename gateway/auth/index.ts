export { DEFAULT_AUDIENCE, DEV_ISSUER, DevSignOn } from './dev-sign-on';
export { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
