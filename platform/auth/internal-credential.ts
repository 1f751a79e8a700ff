import { importJWK, jwtVerify, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Principal } from './principal';

/**
 * The gateway's proof to a subgraph of who is asking: a short-lived JWT signed with a key only the
 * gateway holds. Subgraphs verify it with the public key; a client that calls a subgraph directly,
 * or forges a header, has no such signature.
 */
export const INTERNAL_CREDENTIAL_HEADER = 'x-internal-credential';

const ISSUER = 'resident-graph-gateway';
const AUDIENCE = 'resident-graph-subgraphs';
const ALG = 'EdDSA';

export interface InternalCredentialIssuerOptions {
  privateJwk: JWK;
  /** Lifetime of a credential; default 120 s. Credentials are reused for half of it. */
  ttlSeconds?: number;
}

/** Signs credentials; reuses one per principal for half its life so signing stays off the hot path. */
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

  async credentialFor(principal: Principal): Promise<string> {
    const cacheKey = principal.kind === 'resident' ? `resident:${principal.personId}` : principal.kind;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.renewAt > now) return hit.token;
    const jwt = new SignJWT({ kind: principal.kind })
      .setProtectedHeader({ alg: ALG, ...(this.kid ? { kid: this.kid } : {}) })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`);
    if (principal.kind === 'resident') jwt.setSubject(principal.personId);
    const token = await jwt.sign(this.key);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(cacheKey, { token, renewAt: now + (this.ttlSeconds * 1000) / 2 });
    return token;
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

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.cache.get(token);
    if (hit && hit.expiresAt > now) return hit.principal;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] }));
    } catch {
      throw new InvalidCredentialError('the internal credential is not valid');
    }
    let principal: Principal;
    if (payload.kind === 'resident' && typeof payload.sub === 'string' && payload.sub.length > 0) {
      principal = { kind: 'resident', personId: payload.sub };
    } else if (payload.kind === 'anonymous') {
      principal = { kind: 'anonymous' };
    } else {
      throw new InvalidCredentialError('the internal credential names no principal');
    }
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(token, { principal, expiresAt: (payload.exp ?? 0) * 1000 });
    return principal;
  }
}
