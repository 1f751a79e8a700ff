import { importJWK, type JSONWebKeySet, type JWK, type KeyLike, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type Scope } from '../../platform/auth';

/**
 * The development sign-on, standing in for the city's as the simulators stand in for the legacy
 * systems (the gateway only verifies tokens). The embedded development sign-on: signs residents' tokens (ES256) and publishes its public key
 * as a JWKS, so the gateway verifies development tokens exactly as it verifies the city's.
 */
export class DevSignOn {
  private constructor(
    private readonly key: KeyLike | Uint8Array,
    private readonly publicJwk: JWK,
  ) {}

  static async create(keys: { privateJwk: JWK; publicJwk: JWK }): Promise<DevSignOn> {
    return new DevSignOn(await importJWK(keys.privateJwk, 'ES256'), keys.publicJwk);
  }

  /** A token for the resident `personId`, valid for `ttlSeconds` (default 12 hours). */
  async issue(personId: string, ttlSeconds = 12 * 3600): Promise<string> {
    if (!/^[1-9]\d{0,9}$/.test(personId)) throw new Error('a person id is a positive whole number');
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid ?? 'dev', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject(personId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /**
   * A token for a staff member or partner service `subject` with `scopes` and a `purpose`, as a
   * department's sign-on would issue (valid `ttlSeconds`, default 1 hour).
   */
  async issueStaff(subject: string, scopes: ReadonlyArray<Scope>, purpose: string, ttlSeconds = 3600): Promise<string> {
    if (scopes.length === 0) throw new Error('a staff token carries at least one scope');
    return new SignJWT({ scope: scopes.join(' '), purpose })
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid ?? 'dev', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }
}
