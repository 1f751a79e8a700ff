import { PortalSessions, SimHttpError, type SimRequest } from '../kit';
import type { Person, Population } from '../population';
import { AmppRefusal } from './accounts';

/** The header AMPP reads the integration client's token from *(designed)*. */
export const AMPP_TOKEN_HEADER = 'x-auth-token';
/** The cabinet's session cookie *(designed name: the live cookie's name is not public)*. */
export const AMPP_SESSION_COOKIE = 'ampp-session';

/** An AMPP error answer: `{ errorCode, errorMessage }` with the HTTP status *(designed shape)*. */
export function amppError(status: number, errorCode: string, errorMessage: string): SimHttpError {
  return new SimHttpError(status, { json: { errorCode, errorMessage } });
}

/** Runs `run`, turning a business refusal into AMPP's error answer; anything else is a simulator bug and stays one. */
export function withAmppRefusals<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AmppRefusal) throw amppError(error.status, error.errorCode, error.message);
    throw error;
  }
}

/**
 * Who is calling AMPP's account API: a resident whose cabinet session the cookie carries (the
 * public balance plugin's way: it signs on, reads its accountId from the cabinet page and asks
 * for the balance with the cookie alone), or the integration, whose session (opened with its
 * service token) or token itself acts for any account *(designed)*.
 */
export type AmppCaller = { kind: 'resident'; person: Person } | { kind: 'integration' };

export class AmppAuth {
  readonly sessions = new PortalSessions();

  constructor(
    private readonly population: Population,
    private readonly serviceToken: string,
  ) {}

  hasServiceToken(req: SimRequest): boolean {
    return req.headers[AMPP_TOKEN_HEADER] === this.serviceToken;
  }

  /** The caller, or undefined when the request carries no live session and no service token. */
  identify(req: SimRequest): AmppCaller | undefined {
    if (req.headers[AMPP_TOKEN_HEADER] !== undefined) return this.hasServiceToken(req) ? { kind: 'integration' } : undefined;
    const token = req.cookie(AMPP_SESSION_COOKIE);
    const holder = token ? this.sessions.touch(token, req.now) : undefined;
    if (!holder) return undefined;
    if (holder.kind === 'integration') return { kind: 'integration' };
    const person = this.population.person(holder.personId);
    return person ? { kind: 'resident', person } : undefined;
  }

  /** The caller of an account API call; 401 in AMPP's shape for one without a session. */
  caller(req: SimRequest): AmppCaller {
    const caller = this.identify(req);
    if (!caller) throw amppError(401, 'UNAUTHORIZED', 'Требуется авторизация');
    return caller;
  }

  /** A resident may act on their own account only; the integration on any. */
  mayUseAccount(caller: AmppCaller, accountId: string): void {
    if (caller.kind === 'resident' && caller.person.parkingAccountId !== accountId) throw amppError(403, 'FORBIDDEN', 'Нет доступа к лицевому счёту');
  }

  /** A resident may ask about their own cars only. */
  mayAskPlates(caller: AmppCaller, plates: ReadonlyArray<string>): void {
    if (caller.kind !== 'resident') return;
    const own = new Set(caller.person.vehicles.map((v) => v.plate));
    if (plates.some((plate) => !own.has(plate))) throw amppError(403, 'FORBIDDEN', 'Нет доступа к транспортному средству');
  }
}
