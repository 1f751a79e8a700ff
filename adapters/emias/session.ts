import { randomUUID } from 'node:crypto';
import { cookieHeader, cookiesSetBy, LegacyBadResponseError, type LegacyTransport, parseWire, RenewingSession, type SessionCarriers } from '../transport';
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

const SYSTEM = 'emias';
const START_PAGE_ENDPOINT = 'GET /';
const PASSPORT_PATH = '/api/passport/v2/';
const CREATE_JWT_ENDPOINT = `POST ${PASSPORT_PATH}?create_anonymous_jwt`;
/** What the page names its token when it does not say (pyemias sends this name unconditionally). */
const DEFAULT_CSRF_NAME = 'csrftoken';

/** EMIAS's session: signed in anew when there is none and whenever EMIAS refuses the JWT. */
export function emiasSession(transport: LegacyTransport): RenewingSession {
  return new RenewingSession(() => signIn(transport));
}

async function signIn(transport: LegacyTransport): Promise<SessionCarriers> {
  const cookies = new Map<string, string>();
  const csrf = await transport.call({ method: 'GET', path: '/', endpoint: START_PAGE_ENDPOINT, headers: { accept: 'text/html' } }, (reply) => {
    if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, START_PAGE_ENDPOINT, `unexpected HTTP ${reply.status}`);
    cookiesSetBy(reply, cookies);
    const value = metaContent(reply.body, 'csrf-token-value');
    if (!value) throw new LegacyBadResponseError(SYSTEM, START_PAGE_ENDPOINT, 'the page has no csrf-token-value meta tag');
    return { 'csrf-token-name': metaContent(reply.body, 'csrf-token-name') ?? DEFAULT_CSRF_NAME, 'csrf-token-value': value };
  });
  const jwt = await transport.call(
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
      cookiesSetBy(reply, cookies);
      return parseWire(WireAnonymousJwt, transport.parseJson(reply, CREATE_JWT_ENDPOINT), SYSTEM, CREATE_JWT_ENDPOINT).result;
    },
  );
  cookies.set('jwt', jwt);
  return { ...csrf, ...cookieHeader(cookies) };
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
