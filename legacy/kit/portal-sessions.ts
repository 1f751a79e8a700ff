import { randomUUID } from 'node:crypto';

/**
 * Who a portal session belongs to: a resident who signed on (the public clients' way), or an
 * integration client that signed in with its service token *(designed: the real portals give a
 * session only to a resident; the graph acts for many, so the simulators let it hold one session
 * and name the person on each call)*.
 */
export type SessionHolder = { kind: 'resident'; personId: number } | { kind: 'integration' };

/** How long a portal session lives without use, by the simulator clock. */
export const PORTAL_SESSION_TTL_MS = 20 * 60 * 1000;

const MAX_SESSIONS = 100_000;

/**
 * The sessions of one portal: random cookie values, sliding on use. A value that was never given
 * out and one that has expired look the same to a client, as on the real portals.
 */
export class PortalSessions {
  private readonly sessions = new Map<string, { holder: SessionHolder; expiresAt: number }>();

  constructor(private readonly ttlMs = PORTAL_SESSION_TTL_MS) {}

  open(holder: SessionHolder, now: Date): string {
    if (this.sessions.size >= MAX_SESSIONS) this.prune(now);
    const token = randomUUID();
    this.sessions.set(token, { holder, expiresAt: now.getTime() + this.ttlMs });
    return token;
  }

  /** The session's holder, extending the session; undefined for an unknown or expired one. */
  touch(token: string, now: Date): SessionHolder | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= now.getTime()) {
      this.sessions.delete(token);
      return undefined;
    }
    session.expiresAt = now.getTime() + this.ttlMs;
    return session.holder;
  }

  private prune(now: Date): void {
    for (const [token, session] of this.sessions) if (session.expiresAt <= now.getTime()) this.sessions.delete(token);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.clear();
  }
}

/** A `Set-Cookie` value for a session cookie the page's scripts may not read. */
export function sessionCookie(name: string, token: string): string {
  return `${name}=${token}; Path=/; HttpOnly`;
}
