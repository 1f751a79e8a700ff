import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { isScope, MAX_PURPOSE_LENGTH, PERSON_ID, type Principal, type Scope, STAFF_SUBJECT } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';

/** Where the sign-on's public keys come from. */
export type JwksSource =
  | {
      /** The sign-on's JWKS endpoint. */
      url: string;
      /**
       * After a fetch, no other for this long, even for an unknown `kid`: a flood of tokens with
       * made-up key ids must not become a flood of requests to the sign-on. Default 30 s.
       */
      cooldownMs?: number;
      /** Keys are fetched again after this long even when every `kid` is known (rotation without a new kid). Default 10 min. */
      cacheMaxAgeMs?: number;
      /** A JWKS fetch that has not answered by then fails the token. Default 5 s. */
      timeoutMs?: number;
    }
  | { keys: JSONWebKeySet };

export interface TokenVerifierOptions {
  /** The sign-on's keys: a JWKS URL (fetched, cached, refetched for an unknown `kid`), or keys in hand. */
  jwks: JwksSource;
  issuer: string;
  audience: string;
  /** Accepted clock difference between the sign-on and us. Default 30 s. */
  clockToleranceSeconds?: number;
  /**
   * Verified tokens remembered, so a client's next request skips the signature check: at most
   * this many (least recently used dropped first), each until its own `exp` and for no longer
   * than `verifiedCacheMs`. Default 10 000; 0 verifies every request.
   */
  verifiedCacheEntries?: number;
  /** Longest a verified token is remembered, in ms, bounding how late a key's withdrawal from the JWKS takes effect. Default 60 000. */
  verifiedCacheMs?: number;
}

/** Algorithms the sign-on may use; `none` and symmetric algorithms are never accepted. */
const ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

/**
 * Verifies bearer tokens and turns them into principals:
 * - a token carrying at least one of the graph's scopes (`scope`, space-separated, or `scp`) is a
 *   staff member's or a partner service's, and must state a `purpose`;
 * - any other token is a resident's, whose `sub` is their person id.
 * A token that fails any check is UNAUTHENTICATED (HTTP 401); why it failed is not told.
 */
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  /** Token → the principal it proved, each until its own expiry; absent when nothing is remembered. */
  private readonly verified: LRUCache<string, Principal> | undefined;
  private readonly verifiedMs: number;

  constructor(private readonly options: TokenVerifierOptions) {
    const maxVerified = options.verifiedCacheEntries ?? 10_000;
    this.verifiedMs = options.verifiedCacheMs ?? 60_000;
    // The clock is read on every look-up (lru-cache would reuse one reading for a millisecond),
    // and it is Date's, the clock `exp` is judged by.
    this.verified = maxVerified > 0 ? new LRUCache<string, Principal>({ max: maxVerified, ttlResolution: 0, perf: { now: () => Date.now() } }) : undefined;
    const source = options.jwks;
    this.getKey =
      'url' in source
        ? createRemoteJWKSet(new URL(source.url), {
            cooldownDuration: source.cooldownMs ?? 30_000,
            cacheMaxAge: source.cacheMaxAgeMs ?? 600_000,
            timeoutDuration: source.timeoutMs ?? 5_000,
          })
        : createLocalJWKSet(source.keys);
  }

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.verified?.get(token);
    if (hit) return hit;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch {
      // Why a token failed (expired, unknown key, tampered) is for our metrics, not the caller.
      throw unauthenticated();
    }
    const principal = principalOf(payload);
    if (!principal) throw unauthenticated();
    this.remember(token, principal, payload.exp, now);
    return principal;
  }

  /** Only a token that passed every check is remembered, and never past its own expiry. */
  private remember(token: string, principal: Principal, exp: number | undefined, now: number): void {
    if (!this.verified || exp === undefined) return;
    const ttl = Math.min(exp * 1000, now + this.verifiedMs) - now;
    if (ttl <= 0) return;
    this.verified.set(token, principal, { ttl });
  }
}

function principalOf(payload: JWTPayload): Principal | undefined {
  const sub = payload.sub;
  if (typeof sub !== 'string') return undefined;
  const scopes = scopesOf(payload);
  if (scopes.length === 0) return PERSON_ID.test(sub) ? { kind: 'resident', personId: sub } : undefined;
  const purpose = typeof payload.purpose === 'string' ? payload.purpose.trim() : '';
  if (!STAFF_SUBJECT.test(sub) || purpose.length === 0 || purpose.length > MAX_PURPOSE_LENGTH) return undefined;
  return { kind: 'staff', subject: sub, scopes, purpose };
}

/** The graph's scopes among the token's; others (openid, profile) are not ours to judge. */
function scopesOf(payload: JWTPayload): Scope[] {
  const raw: unknown[] = [];
  if (typeof payload.scope === 'string') raw.push(...payload.scope.split(' '));
  if (Array.isArray(payload.scp)) raw.push(...(payload.scp as unknown[]));
  return [...new Set(raw.filter(isScope))];
}

function unauthenticated() {
  return graphqlError('UNAUTHENTICATED', 'The token is missing, expired or not valid.', {}, { http: { headers: { 'www-authenticate': 'Bearer' } } });
}
