import { importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { isScope, MAX_PURPOSE_LENGTH, PERSON_ID, STAFF_SUBJECT, type Principal } from './principal';

/**
 * The gateway's proof to a subgraph of who is asking: a short-lived JWT signed with a key only the
 * gateway holds, addressed to one subgraph. Subgraphs verify it with the public key; a client that
 * calls a subgraph directly, or forges a header, has no such signature, and a credential taken
 * from one subgraph's traffic is refused by every other.
 */
export const INTERNAL_CREDENTIAL_HEADER = 'x-internal-credential';

const ISSUER = 'resident-graph-gateway';
const AUDIENCE_PREFIX = 'resident-graph-subgraph:';
const ALG = 'EdDSA';

/** The audience of credentials for the subgraph `name`. */
export function credentialAudience(subgraph: string): string {
  return `${AUDIENCE_PREFIX}${subgraph}`;
}

export interface InternalCredentialIssuerOptions {
  privateJwk: JWK;
  /** Lifetime of a credential; default 120 s. Credentials are reused for half of it. */
  ttlSeconds?: number;
}

/** Signs credentials; reuses one per principal and subgraph for half its life so signing stays off the hot path. */
export class InternalCredentialIssuer {
  private readonly ttlSeconds: number;
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  private constructor(
    private readonly key: KeyLike | Uint8Array,
    private readonly kid: string | undefined,
    ttlSeconds: number,
  ) {
    this.ttlSeconds = ttlSeconds;
  }

  static async create(options: InternalCredentialIssuerOptions): Promise<InternalCredentialIssuer> {
    const ttl = options.ttlSeconds ?? 120;
    if (!(ttl >= 10)) throw new Error('internal credential ttlSeconds must be at least 10');
    return new InternalCredentialIssuer(await importJWK(options.privateJwk, ALG), options.privateJwk.kid, ttl);
  }

  /** A credential naming `principal`, valid only at the subgraph `subgraph`. */
  async credentialFor(principal: Principal, subgraph: string): Promise<string> {
    // A resident (nearly every request) is keyed without building and serialising the claims.
    const cacheKey = principal.kind === 'resident' ? `${subgraph}\nresident:${principal.personId}` : `${subgraph}\n${JSON.stringify(claimsOf(principal))}`;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.renewAt > now) return hit.token;
    const claims = claimsOf(principal);
    const jwt = new SignJWT(claims.extra)
      .setProtectedHeader({ alg: ALG, ...(this.kid ? { kid: this.kid } : {}) })
      .setIssuer(ISSUER)
      .setAudience(credentialAudience(subgraph))
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`);
    if (claims.sub) jwt.setSubject(claims.sub);
    const token = await jwt.sign(this.key);
    remember(this.cache, cacheKey, { token, renewAt: now + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}

function claimsOf(principal: Principal): { sub?: string; extra: JWTPayload } {
  switch (principal.kind) {
    case 'resident':
      return { sub: principal.personId, extra: { kind: 'resident' } };
    case 'staff':
      return { sub: principal.subject, extra: { kind: 'staff', scp: [...principal.scopes], purpose: principal.purpose } };
    case 'anonymous':
      return { extra: { kind: 'anonymous' } };
  }
}

export class InvalidCredentialError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
}

/** Verifies credentials; a verified one is remembered until it expires. */
export class InternalCredentialVerifier {
  private readonly cache = new Map<string, { principal: Principal; expiresAt: number }>();

  private constructor(private readonly key: KeyLike | Uint8Array) {}

  static async create(publicJwk: JWK): Promise<InternalCredentialVerifier> {
    return new InternalCredentialVerifier(await importJWK(publicJwk, ALG));
  }

  /** The principal a credential addressed to `subgraph` names; InvalidCredentialError otherwise. */
  async verify(token: string, subgraph: string): Promise<Principal> {
    const now = Date.now();
    const cacheKey = `${subgraph}\n${token}`;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now) return hit.principal;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: credentialAudience(subgraph), algorithms: [ALG], requiredClaims: ['exp'] }));
    } catch {
      throw new InvalidCredentialError('the internal credential is not valid');
    }
    const principal = principalOf(payload);
    remember(this.cache, cacheKey, { principal, expiresAt: (payload.exp ?? 0) * 1000 });
    return principal;
  }
}

/**
 * Entries a credential cache keeps. A credential is reused for a minute, so this covers about
 * 65 dashboards a second (five credentials each) from different residents before the oldest
 * entry goes, and holds the cache near 15 MB under a heap capped at 192 MB.
 */
const CACHED_CREDENTIALS = 20_000;

/** Sets `key`, dropping the oldest entry beyond the cap (a Map iterates in insertion order). */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHED_CREDENTIALS) cache.delete(cache.keys().next().value as string);
}

/** Reads the principal back strictly: a signed credential with a malformed principal is still refused. */
function principalOf(payload: JWTPayload): Principal {
  const { kind, sub } = payload;
  if (kind === 'resident' && typeof sub === 'string' && PERSON_ID.test(sub)) return { kind: 'resident', personId: sub };
  if (kind === 'anonymous' && sub === undefined) return { kind: 'anonymous' };
  if (kind === 'staff' && typeof sub === 'string' && STAFF_SUBJECT.test(sub)) {
    const { scp, purpose } = payload;
    if (Array.isArray(scp) && scp.every(isScope) && typeof purpose === 'string' && purpose.length > 0 && purpose.length <= MAX_PURPOSE_LENGTH) {
      return { kind: 'staff', subject: sub, scopes: scp, purpose };
    }
  }
  throw new InvalidCredentialError('the internal credential names no principal');
}
