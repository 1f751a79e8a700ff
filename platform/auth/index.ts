export {
  CREDENTIAL_CLOCK_SKEW_SECONDS,
  CREDENTIAL_TTL_SECONDS,
  credentialAudience,
  INTERNAL_CREDENTIAL_HEADER,
  InternalCredentialIssuer,
  InternalCredentialVerifier,
  InvalidCredentialError,
  type InternalCredentialIssuerOptions,
  type InternalCredentialVerifierOptions,
} from './internal-credential';
export { generateJwkKeyPair, type JwkKeyPair } from './key-pair';
export { KEY_SEAL_MIN_SECRET_BYTES, KEY_SEAL_TTL_SECONDS, KeySeal, SealRefusedError, type SealExpectation, type SealRefusal } from './key-seal';
export {
  ANONYMOUS,
  isScope,
  MAX_PURPOSE_LENGTH,
  PERSON_ID,
  principalKey,
  readScopeOf,
  SCOPES,
  STAFF_SUBJECT,
  type AnonymousPrincipal,
  type Principal,
  type ResidentPrincipal,
  type Scope,
  type StaffPrincipal,
} from './principal';
export { DEFAULT_AUDIENCE, DEV_ISSUER } from './token-names';
