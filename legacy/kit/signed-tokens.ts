import { createHash, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Session tokens a simulator hands out at sign-in: compact HS256 JWTs, keyed by the city's seed so
 * every instance of the same city (embedded, standalone, one per process) accepts the others'
 * tokens, and dated by the simulator's clock so a test can let a session expire by moving time.
 * Nothing is stored: a token carries its own expiry.
 */
export class SignedTokens {
  private readonly key: Uint8Array;
  /** Tokens already verified, with their expiry (ms): a session is checked on every call. */
  private readonly verified = new Map<string, number>();

  constructor(
    seed: string,
    /** Separates one system's tokens from another's (`emias-anonymous`, `mesh-session`). */
    private readonly purpose: string,
  ) {
    this.key = createHash('sha256').update(`${seed}\u0001${purpose}`).digest();
  }

  /** A token valid for `lifetimeMs` from `now`. */
  async issue(now: Date, lifetimeMs: number, subject = 'anonymous'): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + Math.ceil(lifetimeMs / 1000))
      .setIssuer(this.purpose)
      .sign(this.key);
  }

  /**
   * Whether `token` is one of ours and still valid at `now`, or expired less than `graceMs` ago
   * (a refresh window). Forged, foreign and malformed tokens are simply not valid.
   */
  async isValid(token: string, now: Date, graceMs = 0): Promise<boolean> {
    const expiresAt = this.verified.get(token) ?? (await this.expiryOf(token));
    return expiresAt !== undefined && now.getTime() < expiresAt + graceMs;
  }

  private async expiryOf(token: string): Promise<number | undefined> {
    if (token.length > 2_048) return undefined;
    try {
      // The clock check is ours (with the grace), so jose is told the token's own issue time.
      const { payload } = await jwtVerify(token, this.key, { issuer: this.purpose, algorithms: ['HS256'], currentDate: new Date(0) });
      if (typeof payload.exp !== 'number') return undefined;
      const expiresAt = payload.exp * 1000;
      if (this.verified.size >= 5_000) this.verified.clear();
      this.verified.set(token, expiresAt);
      return expiresAt;
    } catch {
      return undefined;
    }
  }
}
