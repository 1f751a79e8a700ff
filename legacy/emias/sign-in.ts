import { SignedTokens, SimHttpError, type SimRequest, type SimResponse } from '../kit';

/**
 * How a client signs in to the appointment API, as emias.info does it for the public clients
 * (GvozdevAD/pyemias, `session_manager.py`): the start page `GET /` carries a CSRF token in a
 * `<meta name="csrf-token-value">` tag; `POST /api/passport/v2/?create_anonymous_jwt`, with that
 * token in the `csrf-token-name`/`csrf-token-value` headers, answers a JWT in the JSON-RPC
 * `result` (and, as a browser gets it, in a `jwt` cookie); every appointment call then carries
 * the JWT as the `jwt` cookie (the older pyemias sends it as a `jwt` header, also accepted).
 * The JWT lives seven days (pyemias' README: "действует 7 дней"), counted on the simulator's
 * clock. The CSRF token's lifetime (a day) and the refusal shapes are *(designed)*.
 */

export const PASSPORT_PATH = '/api/passport/v2/';
/** The one name the page gives its CSRF token, and the value of the `csrf-token-name` header. */
export const CSRF_TOKEN_NAME = 'csrftoken';
export const ANONYMOUS_JWT_LIFETIME_MS = 7 * 24 * 60 * 60_000;
const CSRF_LIFETIME_MS = 24 * 60 * 60_000;

const header = (req: SimRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export class EmiasSignIn {
  private readonly csrf: SignedTokens;
  private readonly jwts: SignedTokens;

  constructor(seed: string) {
    this.csrf = new SignedTokens(seed, 'emias-csrf');
    this.jwts = new SignedTokens(seed, 'emias-anonymous-jwt');
  }

  /** `GET /`: the portal's start page, with a fresh CSRF token in its meta tags. */
  async startPage(now: Date): Promise<SimResponse> {
    const token = await this.csrf.issue(now, CSRF_LIFETIME_MS);
    return {
      contentType: 'text/html; charset=utf-8',
      text: [
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">',
        '<title>ЕМИАС.ИНФО — запись к врачу</title>',
        `<meta name="csrf-token-name" content="${CSRF_TOKEN_NAME}">`,
        `<meta name="csrf-token-value" content="${token}">`,
        '</head><body><div id="root"></div></body></html>',
      ].join(''),
    };
  }

  /** `POST /api/passport/v2/?create_anonymous_jwt`: a JWT for a client that shows the page's CSRF token. */
  async createAnonymousJwt(req: SimRequest): Promise<SimResponse> {
    const body = req.json() as { id?: unknown; jsonrpc?: unknown; method?: unknown } | null;
    const id = typeof body?.id === 'string' || typeof body?.id === 'number' ? body.id : null;
    if (body?.jsonrpc !== '2.0' || body.method !== 'create_anonymous_jwt') {
      return { json: { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid Request' } } };
    }
    const csrfValue = header(req, 'csrf-token-value');
    if (header(req, 'csrf-token-name') !== CSRF_TOKEN_NAME || !csrfValue || !(await this.csrf.isValid(csrfValue, req.now))) {
      throw new SimHttpError(403, { json: { jsonrpc: '2.0', id, error: { code: 403, message: 'CSRF token missing or incorrect' } } });
    }
    const jwt = await this.jwts.issue(req.now, ANONYMOUS_JWT_LIFETIME_MS);
    return {
      headers: { 'set-cookie': `jwt=${jwt}; Path=/; Max-Age=${ANONYMOUS_JWT_LIFETIME_MS / 1000}; HttpOnly; SameSite=Lax` },
      json: { jsonrpc: '2.0', id, result: jwt },
    };
  }

  /** Whether the request carries a JWT of ours that has not expired: the `jwt` cookie, or the `jwt` header. */
  async carriesSession(req: SimRequest): Promise<boolean> {
    const jwt = req.cookie('jwt') ?? header(req, 'jwt');
    return jwt !== undefined && jwt.length > 0 && (await this.jwts.isValid(jwt, req.now));
  }
}
