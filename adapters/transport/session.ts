import { getSetCookies, Headers } from 'undici';
import type { LegacyReply } from './legacy-call';
import { LegacyBadResponseError } from './legacy-errors';

/** The headers that carry a session: cookies and whatever else the system wants beside them. */
export type SessionCarriers = Readonly<Record<string, string>>;

/**
 * How an adapter uses its session with a legacy system: the same in every adapter that has one
 * (EMIAS's anonymous JWT, MESH's refreshed token, the housing portal's and AMPP's cookie
 * sessions), so one implementation, `RenewingSession`, serves them all.
 */
export interface AdapterSession {
  /**
   * Runs `send` with the session's carriers: obtains them first when there are none (one sign-in
   * for every caller waiting on it), and once more, sending again once, when the system refuses
   * them with `SessionRefusedError`. A second refusal is the caller's error.
   */
  run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T>;
  /** Makes the session ready ahead of the first call (as a service starts); a failure is left for that call. */
  prime(): Promise<void>;
}

/**
 * A call's decoder throws this when the system refused the session the call carried (401, 403, or
 * a redirect to a sign-on form): the session is over and a new one may help. Out of `run` it is a
 * LEGACY_BAD_RESPONSE: the system refused a session it had just given.
 */
export class SessionRefusedError extends LegacyBadResponseError {
  constructor(
    system: string,
    endpoint: string,
    /** The status the system answered: on the housing portal 403 may also mean the record is someone else's. */
    readonly status = 401,
  ) {
    super(system, endpoint, `${system} refused the session (HTTP ${status})`);
  }
}

/**
 * Obtains a session's carriers: a sign-in when `refused` is undefined (there is none yet), a
 * renewal of the refused one otherwise (a sign-in again, or a refresh that takes the old token).
 */
export type ObtainSession = (refused: SessionCarriers | undefined) => Promise<SessionCarriers>;

/**
 * A session that obtains its carriers when it has none and renews them when the system refuses
 * them: one sign-in or renewal at a time, which every caller that needs it waits for, and none
 * when another caller has already replaced the carriers that were refused. The carriers never
 * leave this object except as the headers of a call: the transport logs endpoint labels, never
 * headers or bodies.
 */
export class RenewingSession implements AdapterSession {
  private carriers: SessionCarriers | undefined;
  private obtaining: Promise<SessionCarriers> | undefined;

  constructor(
    private readonly obtain: ObtainSession,
    /** Carriers the system issued ahead (MESH's configured token): no sign-in before the first call. */
    initial?: SessionCarriers,
  ) {
    this.carriers = initial;
  }

  async run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T> {
    const used = await this.current();
    try {
      return await send(used);
    } catch (error) {
      if (!(error instanceof SessionRefusedError)) throw error;
      return send(await this.renewed(used));
    }
  }

  async prime(): Promise<void> {
    await this.open().catch(() => undefined);
  }

  /** Obtains the carriers now if there are none; rejects with why it could not. */
  async open(): Promise<void> {
    await this.current();
  }

  private current(): Promise<SessionCarriers> {
    if (this.carriers) return Promise.resolve(this.carriers);
    return this.obtainOnce(undefined);
  }

  /** Carriers newer than `refused`: those another caller obtained meanwhile, else new ones. */
  private renewed(refused: SessionCarriers): Promise<SessionCarriers> {
    if (this.obtaining) return this.obtaining;
    if (this.carriers !== undefined && this.carriers !== refused) return Promise.resolve(this.carriers);
    return this.obtainOnce(refused);
  }

  /**
   * One at a time. It runs in the request scope of the call that started it, so it ends by that
   * request's deadline. Until it succeeds the old carriers stay: a failed renewal is tried again
   * by the next call the system refuses.
   */
  private obtainOnce(refused: SessionCarriers | undefined): Promise<SessionCarriers> {
    this.obtaining ??= this.obtain(refused)
      .then((carriers) => {
        this.carriers = carriers;
        return carriers;
      })
      .finally(() => {
        this.obtaining = undefined;
      });
    return this.obtaining;
  }
}

/** The cookies a reply sets, by name, as a browser keeps them for the rest of the session. */
export function cookiesSetBy(reply: LegacyReply, into: Map<string, string> = new Map()): Map<string, string> {
  const raw = reply.headers['set-cookie'];
  if (raw === undefined) return into;
  const headers = new Headers();
  for (const line of Array.isArray(raw) ? raw : [raw]) headers.append('set-cookie', line);
  for (const cookie of getSetCookies(headers)) into.set(cookie.name, cookie.value);
  return into;
}

/** The `Cookie` header that carries `cookies`; none when there are none. */
export function cookieHeader(cookies: ReadonlyMap<string, string>): Record<string, string> {
  return cookies.size === 0 ? {} : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}
