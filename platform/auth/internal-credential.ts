import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { importJWK, type JWK, type JWTPayload, jwtVerify, type KeyLike } from 'jose';
import { LRUCache } from 'lru-cache';
import { purgeStaleEvery } from '../cache/purge-stale';
import { isScope, MAX_PURPOSE_LENGTH, PERSON_ID, type Principal, STAFF_SUBJECT } from './principal';

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

/**
 * How long a credential the gateway issues is valid, in seconds (it is reused for half of that):
 * long enough to keep signing off the hot path, short enough that a captured credential is soon
 * worthless. The verifier refuses any credential that claims a longer life.
 */
export const CREDENTIAL_TTL_SECONDS = 120;

/**
 * The difference between the gateway's clock and a subgraph's that verification forgives, in
 * seconds. Hosts kept by NTP differ by milliseconds; this only absorbs a second boundary crossed
 * between signing and checking, and a host a little adrift.
 */
export const CREDENTIAL_CLOCK_SKEW_SECONDS = 10;

/**
 * How long the issuer hands out the same credential, in seconds: the first half of its life. A
 * subgraph is never shown one after that (the gateway has signed a new one), so that is also how
 * long a verifier needs to remember it: any longer holds memory no request will ask for.
 */
function reuseSecondsOf(lifetimeSeconds: number): number {
  return lifetimeSeconds / 2;
}

/** The audience of credentials for the subgraph `name`. */
export function credentialAudience(subgraph: string): string {
  return `${AUDIENCE_PREFIX}${subgraph}`;
}

export interface InternalCredentialIssuerOptions {
  privateJwk: JWK;
  /**
   * Lifetime of a credential; default CREDENTIAL_TTL_SECONDS (120 s). Credentials are reused for
   * half of it. The subgraphs' verifiers must allow at least as much (`maxLifetimeSeconds`).
   */
  ttlSeconds?: number;
}

/**
 * Signs credentials; reuses one per principal and subgraph for half its life so signing stays off
 * the hot path. A first-view resident still costs five signatures, one per subgraph, so each is
 * made here with node:crypto's one-shot `sign`, on this thread: jose's `SignJWT` hands every
 * signature to libuv's thread pool, where a dashboard's five queue on the key's lock and cost the
 * gateway several times the ~25 µs an Ed25519 signature takes. What is signed is the compact JWS
 * jose would make (header, claims, signature, each base64url), and subgraphs verify it with jose.
 */
export class InternalCredentialIssuer {
  private readonly ttlSeconds: number;
  /** Principal and subgraph → the credential last signed for them, until it is due for renewal. */
  private readonly cache = credentialCache<string>();
  /** The protected header, the same for every credential, already encoded. */
  private readonly header: string;

  private constructor(
    private readonly key: KeyObject,
    kid: string | undefined,
    ttlSeconds: number,
  ) {
    this.ttlSeconds = ttlSeconds;
    this.header = base64urlJson({ alg: ALG, ...(kid ? { kid } : {}) });
  }

  static async create(options: InternalCredentialIssuerOptions): Promise<InternalCredentialIssuer> {
    const ttl = options.ttlSeconds ?? CREDENTIAL_TTL_SECONDS;
    if (!(ttl >= 10)) throw new Error('internal credential ttlSeconds must be at least 10');
    return new InternalCredentialIssuer(ed25519PrivateKey(options.privateJwk), options.privateJwk.kid, ttl);
  }

  /** A credential naming `principal`, valid only at the subgraph `subgraph`. */
  async credentialFor(principal: Principal, subgraph: string): Promise<string> {
    // A resident (nearly every request) is keyed without building and serialising the claims.
    const cacheKey = principal.kind === 'resident' ? `${subgraph}\nresident:${principal.personId}` : `${subgraph}\n${JSON.stringify(claimsOf(principal))}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const claims = claimsOf(principal);
    const issuedAt = Math.floor(Date.now() / 1000);
    const payload = base64urlJson({
      ...claims.extra,
      iss: ISSUER,
      aud: credentialAudience(subgraph),
      iat: issuedAt,
      exp: issuedAt + this.ttlSeconds,
      ...(claims.sub ? { sub: claims.sub } : {}),
    });
    const signingInput = `${this.header}.${payload}`;
    const token = `${signingInput}.${sign(null, Buffer.from(signingInput), this.key).toString('base64url')}`;
    this.cache.set(cacheKey, token, { ttl: reuseSecondsOf(this.ttlSeconds) * 1000 });
    return token;
  }
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The gateway's signing key from its JWK; anything but an Ed25519 private key is refused, as jose's import for EdDSA refuses it. */
function ed25519PrivateKey(jwk: JWK): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') throw new TypeError('the internal credential key must be an Ed25519 private JWK');
  return createPrivateKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, format: 'jwk' });
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

export interface InternalCredentialVerifierOptions {
  /**
   * The longest life (`exp - iat`) a credential may claim, in seconds: the issuer's lifetime.
   * A credential that claims more was not minted by the gateway as configured (a key leaked into
   * a tool that signs for years, say) and is refused even though its signature holds. Default
   * CREDENTIAL_TTL_SECONDS (120 s).
   */
  maxLifetimeSeconds?: number;
  /** Clock difference forgiven on `iat` and `exp`, in seconds. Default CREDENTIAL_CLOCK_SKEW_SECONDS (10 s). */
  clockSkewSeconds?: number;
}

/**
 * Verifies credentials: the gateway's signature, the audience, and a life bounded by the issuer's
 * (`iat` required, not in the future, `exp - iat` within the issuer's lifetime plus the skew).
 * A verified one is remembered while the gateway may still present it (the first half of its
 * life, and the skew), and forgotten then; never past its expiry.
 */
export class InternalCredentialVerifier {
  /** Subgraph and credential → the principal it proved, while the gateway may present it again. */
  private readonly cache = credentialCache<Principal>();

  /** Verified credentials remembered now (what the process's memory holds for them). */
  get remembered(): number {
    return this.cache.size;
  }

  private constructor(
    private readonly key: KeyLike | Uint8Array,
    private readonly maxLifetimeSeconds: number,
    private readonly clockSkewSeconds: number,
  ) {}

  static async create(publicJwk: JWK, options: InternalCredentialVerifierOptions = {}): Promise<InternalCredentialVerifier> {
    const maxLifetime = options.maxLifetimeSeconds ?? CREDENTIAL_TTL_SECONDS;
    const skew = options.clockSkewSeconds ?? CREDENTIAL_CLOCK_SKEW_SECONDS;
    if (!(Number.isInteger(maxLifetime) && maxLifetime >= 10)) throw new Error('internal credential maxLifetimeSeconds must be a whole number of at least 10');
    if (!(Number.isInteger(skew) && skew >= 0)) throw new Error('internal credential clockSkewSeconds must be a whole number of at least 0');
    return new InternalCredentialVerifier(await importJWK(publicJwk, ALG), maxLifetime, skew);
  }

  /** The principal a credential addressed to `subgraph` names; InvalidCredentialError otherwise. */
  async verify(token: string, subgraph: string): Promise<Principal> {
    const cacheKey = `${subgraph}\n${token}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: credentialAudience(subgraph),
        algorithms: [ALG],
        requiredClaims: ['exp', 'iat'],
        clockTolerance: this.clockSkewSeconds,
        // Requires `iat`, refuses one in the future beyond the skew, and one issued longer ago than a credential lives.
        maxTokenAge: this.maxLifetimeSeconds,
      }));
    } catch {
      throw new InvalidCredentialError('the internal credential is not valid');
    }
    // A credential that claims a longer life than the issuer gives was not minted by the gateway as configured.
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > this.maxLifetimeSeconds + this.clockSkewSeconds) {
      throw new InvalidCredentialError('the internal credential claims a longer life than the gateway gives');
    }
    const principal = principalOf(payload);
    const issuedAt = payload.iat ?? 0;
    const expiresAt = payload.exp ?? 0;
    const presentedUntil = Math.min(expiresAt, issuedAt + reuseSecondsOf(expiresAt - issuedAt) + this.clockSkewSeconds);
    const ttl = presentedUntil * 1000 - Date.now();
    if (ttl > 0) this.cache.set(cacheKey, principal, { ttl });
    return principal;
  }
}

/**
 * Entries a credential cache keeps. A credential is reused for a minute, so this covers about
 * 65 dashboards a second (five credentials each) from different residents before the oldest
 * entry goes, and holds the cache near 15 MB under a heap capped at 192 MB.
 */
const CACHED_CREDENTIALS = 20_000;

/**
 * A cache of credentials: the least recently used go beyond CACHED_CREDENTIALS, and expired ones
 * are never served and are dropped within seconds (`purgeStaleEvery`), so memory holds live ones
 * only. The clock is Date's, read on every look-up, as credentials' `exp` is.
 */
function credentialCache<V extends {}>(): LRUCache<string, V> {
  return purgeStaleEvery(new LRUCache<string, V>({ max: CACHED_CREDENTIALS, ttlResolution: 0, perf: { now: () => Date.now() } }));
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
