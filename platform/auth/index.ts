export {
  CREDENTIAL_CLOCK_SKEW_SECONDS,
  CREDENTIAL_TTL_SECONDS,
  credentialAudience,
  INTERNAL_CREDENTIAL_HEADER,
  InternalCredentialIssuer,
  type InternalCredentialIssuerOptions,
  InternalCredentialVerifier,
  type InternalCredentialVerifierOptions,
  InvalidCredentialError,
} from './internal-credential';
export { generateJwkKeyPair, type JwkKeyPair } from './key-pair';
export { KEY_SEAL_MIN_SECRET_BYTES, KEY_SEAL_TTL_SECONDS, KeySeal, type SealExpectation, type SealRefusal, SealRefusedError } from './key-seal';
export {
  ANONYMOUS,
  type AnonymousPrincipal,
  isScope,
  MAX_PURPOSE_LENGTH,
  PERSON_ID,
  type Principal,
  principalKey,
  type ResidentPrincipal,
  readScopeOf,
  SCOPES,
  type Scope,
  STAFF_SUBJECT,
  type StaffPrincipal,
} from './principal';
export { DEFAULT_AUDIENCE, DEV_ISSUER } from './token-names';
