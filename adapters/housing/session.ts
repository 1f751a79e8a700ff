import { getSetCookies, Headers } from 'undici';
import { LegacyBadResponseError, type LegacyReply, type LegacyTransport } from '../transport';
import { HousingRetryLaterError, SYSTEM } from './errors';

/** The sign-in: the sign-on code exchange, which takes the integration's service token *(designed)*. */
const SIGN_IN = { path: '/api/profile/auth/web', endpoint: 'POST /api/profile/auth/web' } as const;

/**
 * A legacy portal's session as an adapter holds it. Signs in when it holds none, hands each call
 * the headers that carry the session, and signs in once more when the portal says the session is
 * over. The session's value never leaves this object: not in logs, errors or metrics.
 */
export interface PortalSession {
  /**
   * Runs `send` with the headers that carry the session. When `send` fails with
   * `SessionRejectedError`, signs in again (once, however many calls saw the same session fail)
   * and runs `send` once more; a second rejection is the caller's to report.
   */
  run<T>(send: (carrier: Readonly<Record<string, string>>) => Promise<T>): Promise<T>;
  /** Signs in now, at start, so that no resident's first request waits for it. */
  open(): Promise<void>;
}

/**
 * The portal refused the session a call carried: 401, 403, or (on the www.mos.ru pages) a
 * redirect to the sign-on form. `PortalSession.run` signs in again on it; if it escapes, the
 * portal refused a session it had just given, which is a contract break (LEGACY_BAD_RESPONSE).
 */
export class SessionRejectedError extends LegacyBadResponseError {
  constructor(
    endpoint: string,
    /** The status the portal answered: 403 may also mean the record is someone else's. */
    readonly status: number,
  ) {
    super(SYSTEM, endpoint, `the housing system refused our session (HTTP ${status})`);
  }
}

interface Held {
  /** `name=value; …`, as a `Cookie` header carries it. */
  cookie: string;
}

export interface HousingSessionOptions {
  transport: LegacyTransport;
  /** The service token the housing system issued to the graph; it is sent only to sign in. */
  serviceToken: string;
}

/**
 * The graph's session with the housing portal: one cookie session for the whole service, opened
 * by signing in with the service token and carried as the portal's real `Cookie`; the person is
 * named on each call (`x-person-id`, *designed*). One session serves every resident, so signing in
 * costs one call per session lifetime, not one per resident or per dashboard.
 */
export class HousingSession implements PortalSession {
  private readonly transport: LegacyTransport;
  private readonly serviceToken: string;
  private held: Held | undefined;
  private signingIn: Promise<Held> | undefined;

  constructor(options: HousingSessionOptions) {
    this.transport = options.transport;
    this.serviceToken = options.serviceToken;
  }

  async open(): Promise<void> {
    await this.current();
  }

  async run<T>(send: (carrier: Readonly<Record<string, string>>) => Promise<T>): Promise<T> {
    const used = await this.current();
    try {
      return await send({ cookie: used.cookie });
    } catch (error) {
      if (!(error instanceof SessionRejectedError)) throw error;
      const renewed = await this.renew(used);
      return send({ cookie: renewed.cookie });
    }
  }

  private current(): Promise<Held> {
    if (this.held) return Promise.resolve(this.held);
    return this.signIn();
  }

  /** A new session unless another call already replaced the one that was refused. */
  private renew(refused: Held): Promise<Held> {
    if (this.held === refused) this.held = undefined;
    return this.current();
  }

  /**
   * One sign-in at a time: calls that need a session meanwhile wait for the same one. It is made in
   * the request scope of the call that found no session, so it ends by that request's deadline.
   */
  private signIn(): Promise<Held> {
    this.signingIn ??= this.transport
      .call(
        {
          method: 'POST',
          path: SIGN_IN.path,
          endpoint: SIGN_IN.endpoint,
          headers: { authorization: `Bearer ${this.serviceToken}`, accept: 'application/json' },
          // Signing in twice only opens a second session: safe to retry.
          idempotent: true,
        },
        (reply) => this.readSignIn(reply),
      )
      .then((held) => {
        this.held = held;
        return held;
      })
      .finally(() => {
        this.signingIn = undefined;
      });
    return this.signingIn;
  }

  private readSignIn(reply: LegacyReply): Held {
    if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, 'the housing system refused our service token');
    if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, `unexpected HTTP ${reply.status}`);
    const body = safeJson(reply.body);
    if (typeof body === 'object' && body !== null && (body as { error?: unknown }).error === true) throw new HousingRetryLaterError(SIGN_IN.endpoint);
    const cookies = getSetCookies(new Headers(setCookieLines(reply.headers['set-cookie']).map((line): [string, string] => ['set-cookie', line])));
    if (cookies.length === 0) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, 'the sign-in set no session cookie');
    return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  }
}

function setCookieLines(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [header];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
