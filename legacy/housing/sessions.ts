import { randomUUID } from 'node:crypto';

/** How long a portal session lives without use, by the simulator clock. */
export const SESSION_TTL_MS = 20 * 60 * 1000;
const MAX_SESSIONS = 100_000;

/** Portal sessions: the cookie from the sign-on code exchange, sliding on use. */
export class SessionStore {
  private readonly sessions = new Map<string, { personId: number; expiresAt: number }>();

  open(personId: number, now: Date): string {
    if (this.sessions.size >= MAX_SESSIONS) this.prune(now);
    const token = randomUUID();
    this.sessions.set(token, { personId, expiresAt: now.getTime() + SESSION_TTL_MS });
    return token;
  }

  /** The session's person, extending it; undefined for an unknown or expired session. */
  touch(token: string, now: Date): number | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= now.getTime()) {
      this.sessions.delete(token);
      return undefined;
    }
    session.expiresAt = now.getTime() + SESSION_TTL_MS;
    return session.personId;
  }

  private prune(now: Date): void {
    for (const [token, session] of this.sessions) if (session.expiresAt <= now.getTime()) this.sessions.delete(token);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.clear();
  }
}
