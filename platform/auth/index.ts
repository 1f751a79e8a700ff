export { loadOrCreateDevKeys, type DevKeys } from './dev-keys';
export {
  INTERNAL_CREDENTIAL_HEADER,
  InternalCredentialIssuer,
  InternalCredentialVerifier,
  InvalidCredentialError,
  type InternalCredentialIssuerOptions,
} from './internal-credential';
export { generateJwkKeyPair, type JwkKeyPair } from './key-pair';
export { ANONYMOUS, type AnonymousPrincipal, type Principal, type ResidentPrincipal } from './principal';
