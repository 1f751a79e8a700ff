import { HeaderMap } from '@apollo/server';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { ResidentPrincipal } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';

export interface TokenVerifierOptions {
  /** The sign-on's keys: a JWKS URL (fetched, cached, refetched for an unknown `kid`), or keys in hand. */
  jwks: { url: string } | { keys: JSONWebKeySet };
  issuer: string;
  audience: string;
  /** Accepted clock difference between the sign-on and us. Default 30 s. */
  clockToleranceSeconds?: number;
}

/** Algorithms the sign-on may use; `none` and symmetric algorithms are never accepted. */
const ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

/** Verifies residents' bearer tokens and turns them into principals. */
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;

  constructor(private readonly options: TokenVerifierOptions) {
    this.getKey = 'url' in options.jwks ? createRemoteJWKSet(new URL(options.jwks.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 }) : createLocalJWKSet(options.jwks.keys);
  }

  async verify(token: string): Promise<ResidentPrincipal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch {
      // Why a token failed (expired, wrong key, tampered) is for our logs' metrics, not the caller.
      throw unauthenticated();
    }
    if (typeof payload.sub !== 'string' || !/^[1-9]\d{0,9}$/.test(payload.sub)) throw unauthenticated();
    return { kind: 'resident', personId: payload.sub };
  }
}

function unauthenticated() {
  return graphqlError('UNAUTHENTICATED', 'The token is missing, expired or not valid.', { http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } });
}
