import { PortalSessions, SIGN_ON_FORM_PATH, type SimRequest } from '../kit';
import type { Person, Population } from '../population';

/** The portal's session cookie. */
export const SESSION_COOKIE = 'session-cookie';
/** *(designed)* The header an integration client names the person with, beside its session or service token. */
export const PERSON_HEADER = 'x-person-id';

/** Why a request has no caller; each API answers it in its own way. */
export type Refusal =
  /** No session cookie and no service token. */
  | 'no-session'
  /** A session cookie the portal does not know (never given, or expired). */
  | 'session-over'
  /** A service token that is not the integration's. */
  | 'bad-token'
  /** An integration session or token without a person named, or naming nobody the city knows. */
  | 'no-person';

export type Identified = { person: Person } | { refusal: Refusal };

/**
 * Who is calling the housing portal. Three carriers, as clients arrive with them:
 * - the session cookie from the sign-on code exchange or the password form (a resident's own,
 *   the way public clients come);
 * - the session cookie of an integration client that signed in with its service token, naming
 *   the person in `x-person-id` on each call *(designed)*;
 * - the service token itself as `Authorization: Bearer` with `x-person-id`, the older
 *   integration form, still taken *(designed)*.
 */
export class PortalAuth {
  readonly sessions = new PortalSessions();

  constructor(
    private readonly population: Population,
    private readonly serviceToken: string,
  ) {}

  /** Whether a request carries the integration's service token (for the sign-in). */
  hasServiceToken(req: SimRequest): boolean {
    return req.headers.authorization === `Bearer ${this.serviceToken}`;
  }

  /**
   * Whether the caller is the integration itself, with no person named: its service token as
   * `Authorization: Bearer`, or a session it opened with it. For calls that act for the system's
   * partners rather than for a resident (a payment reported by the payment service).
   */
  caller(req: SimRequest): 'integration' | 'resident' | 'bad-token' | 'no-session' {
    if (req.headers.authorization !== undefined) return this.hasServiceToken(req) ? 'integration' : 'bad-token';
    const token = req.cookie(SESSION_COOKIE);
    const holder = token ? this.sessions.touch(token, req.now) : undefined;
    if (!holder) return 'no-session';
    return holder.kind;
  }

  identify(req: SimRequest): Identified {
    if (req.headers.authorization !== undefined) {
      if (!this.hasServiceToken(req)) return { refusal: 'bad-token' };
      return this.named(req);
    }
    const token = req.cookie(SESSION_COOKIE);
    if (!token) return { refusal: 'no-session' };
    const holder = this.sessions.touch(token, req.now);
    if (!holder) return { refusal: 'session-over' };
    if (holder.kind === 'integration') return this.named(req);
    const person = this.population.person(holder.personId);
    return person ? { person } : { refusal: 'session-over' };
  }

  private named(req: SimRequest): Identified {
    const header = req.headers[PERSON_HEADER];
    const person = this.population.personByKey(typeof header === 'string' ? header : '');
    return person ? { person } : { refusal: 'no-person' };
  }
}

/** Where the www.mos.ru pages send a visitor without a session: the sign-on form. */
export function signOnRedirect(req: SimRequest): { status: number; headers: Record<string, string>; text: string } {
  return { status: 302, headers: { location: `${SIGN_ON_FORM_PATH}?bo=${encodeURIComponent(req.path)}` }, text: '' };
}
