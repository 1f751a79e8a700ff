import { randomUUID } from 'node:crypto';
import { getSetCookies, Headers } from 'undici';
import { LegacyBadResponseError, type LegacyReply, type LegacyTransport, parseWire } from '../transport';
import { WireAnonymousJwt } from './wire';

/**
 * The adapter's session with EMIAS's appointment API, signed in as emias.info signs a browser in
 * (and as the public client GvozdevAD/pyemias does): read the CSRF token from the start page's
 * `<meta name="csrf-token-value">`, ask `POST /api/passport/v2/?create_anonymous_jwt` for a JWT
 * with that token in the `csrf-token-name`/`csrf-token-value` headers, then send the JWT as the
 * `jwt` cookie (with the cookies the sign-in set, and the CSRF headers, as the browser does) on
 * every appointment call. The JWT lives a week; when EMIAS answers 401 the session signs in once
 * more and the call is sent again, once.
 *
 * Tokens never leave this file except as the headers of a call: the transport logs endpoint
 * labels, never headers or bodies, and no error here names a value.
 */

/** The headers that carry a session: cookies and whatever else the system wants beside them. */
export type SessionCarriers = Readonly<Record<string, string>>;

/**
 * How an adapter uses its session with a legacy system. Kept this small on purpose, and the same
 * in every adapter that has one, so that one implementation can later serve them all.
 */
export interface AdapterSession {
  /**
   * Runs `send` with the session's carriers: signs in first when there is no session (one sign-in
   * for every caller waiting on it), and once more, sending again once, when the system refuses
   * the carriers with `SessionRefusedError`. A second refusal is the caller's error.
   */
  run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T>;
  /** Signs in ahead of the first call (as a service starts); a failure is left for that call. */
  prime(): Promise<void>;
}

/**
 * A call's decoder throws this when the system refused the session (HTTP 401): the session is
 * over and a new sign-in may help. Out of `run` it is a LEGACY_BAD_RESPONSE: the system refused
 * what we sent.
 */
export class SessionRefusedError extends LegacyBadResponseError {
  constructor(system: string, endpoint: string) {
    super(system, endpoint, `${system} refused the session`);
  }
}

const SYSTEM = 'emias';
const START_PAGE_ENDPOINT = 'GET /';
const PASSPORT_PATH = '/api/passport/v2/';
const CREATE_JWT_ENDPOINT = `POST ${PASSPORT_PATH}?create_anonymous_jwt`;
/** What the page names its token when it does not say (pyemias sends this name unconditionally). */
const DEFAULT_CSRF_NAME = 'csrftoken';

export class EmiasSession implements AdapterSession {
  private carriers: SessionCarriers | undefined;
  private signingIn: Promise<SessionCarriers> | undefined;

  constructor(private readonly transport: LegacyTransport) {}

  async run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T> {
    const first = await this.current();
    try {
      return await send(first);
    } catch (error) {
      if (!(error instanceof SessionRefusedError)) throw error;
      this.drop(first);
      return send(await this.current());
    }
  }

  async prime(): Promise<void> {
    await this.current().catch(() => undefined);
  }

  private current(): Promise<SessionCarriers> {
    if (this.carriers) return Promise.resolve(this.carriers);
    this.signingIn ??= this.signIn()
      .then((carriers) => {
        this.carriers = carriers;
        return carriers;
      })
      .finally(() => {
        this.signingIn = undefined;
      });
    return this.signingIn;
  }

  /** Forgets the carriers a refused call used, unless a newer sign-in has replaced them already. */
  private drop(used: SessionCarriers): void {
    if (this.carriers === used) this.carriers = undefined;
  }

  private async signIn(): Promise<SessionCarriers> {
    const cookies = new Map<string, string>();
    const csrf = await this.transport.call({ method: 'GET', path: '/', endpoint: START_PAGE_ENDPOINT, headers: { accept: 'text/html' } }, (reply) => {
      if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, START_PAGE_ENDPOINT, `unexpected HTTP ${reply.status}`);
      keepCookies(reply, cookies);
      const value = metaContent(reply.body, 'csrf-token-value');
      if (!value) throw new LegacyBadResponseError(SYSTEM, START_PAGE_ENDPOINT, 'the page has no csrf-token-value meta tag');
      return { 'csrf-token-name': metaContent(reply.body, 'csrf-token-name') ?? DEFAULT_CSRF_NAME, 'csrf-token-value': value };
    });
    const jwt = await this.transport.call(
      {
        method: 'POST',
        path: `${PASSPORT_PATH}?create_anonymous_jwt`,
        endpoint: CREATE_JWT_ENDPOINT,
        headers: { ...csrf, ...cookieHeader(cookies), 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ id: randomUUID(), jsonrpc: '2.0', method: 'create_anonymous_jwt' }),
        // Asking twice only makes a second token: safe to retry.
        idempotent: true,
      },
      (reply) => {
        if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, CREATE_JWT_ENDPOINT, `the sign-in was refused with HTTP ${reply.status}`);
        keepCookies(reply, cookies);
        return parseWire(WireAnonymousJwt, this.transport.parseJson(reply, CREATE_JWT_ENDPOINT), SYSTEM, CREATE_JWT_ENDPOINT).result;
      },
    );
    cookies.set('jwt', jwt);
    return { ...csrf, ...cookieHeader(cookies) };
  }
}

/** The cookies a reply sets, kept as a browser would for the rest of the session. */
function keepCookies(reply: LegacyReply, cookies: Map<string, string>): void {
  const raw = reply.headers['set-cookie'];
  if (raw === undefined) return;
  const headers = new Headers();
  for (const line of Array.isArray(raw) ? raw : [raw]) headers.append('set-cookie', line);
  for (const cookie of getSetCookies(headers)) cookies.set(cookie.name, cookie.value);
}

function cookieHeader(cookies: Map<string, string>): Record<string, string> {
  return cookies.size === 0 ? {} : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
}

/** The `content` of the page's `<meta name="…">`, whatever the attributes' order and quotes. */
export function metaContent(html: string, name: string): string | undefined {
  for (const tag of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag[0].matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))/g)) {
      attributes.set((attribute[1] ?? '').toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    if (attributes.get('name') === name) return attributes.get('content') || undefined;
  }
  return undefined;
}
