import { getSetCookies, Headers } from 'undici';
import { LegacyBadResponseError, type LegacyReply, type LegacyTransport } from '../transport';
import { AMPP_SYSTEM } from './ampp-mapper';

/** The integration's sign-in: its service token for a cabinet session of its own *(designed)*. */
const SIGN_IN = { path: '/api/2.40/auth/service', endpoint: 'POST /api/2.40/auth/service' } as const;
/** The header AMPP reads the service token from *(designed)*; sent only to sign in. */
const TOKEN_HEADER = 'x-auth-token';

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
 * AMPP refused the session a call carried (401). `PortalSession.run` signs in again on it; if it
 * escapes, AMPP refused a session it had just given, which is a contract break (LEGACY_BAD_RESPONSE).
 */
export class SessionRejectedError extends LegacyBadResponseError {
  constructor(endpoint: string) {
    super(AMPP_SYSTEM, endpoint, 'AMPP refused our session');
  }
}

interface Held {
  /** `name=value; …`, as a `Cookie` header carries it. */
  cookie: string;
}

export interface AmppSessionOptions {
  transport: LegacyTransport;
  /** The token AMPP issued to the graph; it is sent only to sign in. */
  serviceToken: string;
}

/**
 * The graph's session with AMPP: one cabinet cookie session for the whole service, opened with
 * the service token and carried as AMPP's real `Cookie` on every account call (the public balance
 * plugin's carrier). One session serves every account, so signing in costs one call per session
 * lifetime, not one per resident or per dashboard.
 */
export class AmppSession implements PortalSession {
  private readonly transport: LegacyTransport;
  private readonly serviceToken: string;
  private held: Held | undefined;
  private signingIn: Promise<Held> | undefined;

  constructor(options: AmppSessionOptions) {
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

  /** One sign-in at a time: calls that need a session meanwhile wait for the same one. */
  private signIn(): Promise<Held> {
    this.signingIn ??= this.transport
      .call(
        {
          method: 'POST',
          path: SIGN_IN.path,
          endpoint: SIGN_IN.endpoint,
          headers: { [TOKEN_HEADER]: this.serviceToken, accept: 'application/json' },
          // Signing in twice only opens a second session: safe to retry.
          idempotent: true,
        },
        (reply) => readSignIn(reply),
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
}

function readSignIn(reply: LegacyReply): Held {
  if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, 'AMPP refused our service token');
  if (reply.status !== 200) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, `unexpected HTTP ${reply.status}`);
  const lines = reply.headers['set-cookie'];
  const cookies = getSetCookies(new Headers((lines === undefined ? [] : Array.isArray(lines) ? lines : [lines]).map((line): [string, string] => ['set-cookie', line])));
  if (cookies.length === 0) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, 'the sign-in set no session cookie');
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
