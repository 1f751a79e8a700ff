import { LegacyBadResponseError, type LegacyTransport, RenewingSession, type SessionCarriers } from '../transport';
import { MESH_SYSTEM } from './errors';

/**
 * The adapter's session with MESH, carried as the mobile client carries it (OctoDiary-py's
 * `syncApi/base.py`): the token as `Authorization: Bearer`, as `Auth-Token`, and as the
 * `aupd_token` cookie. The session starts with the token MESH issued to the graph, so the first
 * call costs nothing extra; when MESH answers 401 (the token has expired), the session asks
 * `GET /v2/token/refresh` for a new one with the refused token, as the mobile client does, and
 * the call is sent again, once. Tokens never leave this file except as the headers of a call: the
 * transport logs endpoint labels, never headers or bodies, and no error here names a value.
 */

const REFRESH_PATH = '/v2/token/refresh';
const REFRESH_ENDPOINT = `GET ${REFRESH_PATH}`;

/** The carriers of a token, as the mobile client sends them. */
export function meshCarriers(token: string): SessionCarriers {
  return { authorization: `Bearer ${token}`, 'auth-token': token, cookie: `aupd_token=${token}` };
}

/**
 * MESH's session: it starts with the configured token, so the first call costs nothing extra, and
 * a refused token is refreshed with itself.
 */
export function meshSession(transport: LegacyTransport, initialToken: string): RenewingSession {
  return new RenewingSession(async (refused) => {
    // There is always a token to refresh: the session starts with one and keeps the last until a refresh succeeds.
    const token = refused?.['auth-token'] ?? initialToken;
    return meshCarriers(await refresh(transport, token));
  }, meshCarriers(initialToken));
}

function refresh(transport: LegacyTransport, token: string): Promise<string> {
  return transport.call({ method: 'GET', path: REFRESH_PATH, endpoint: REFRESH_ENDPOINT, headers: { ...meshCarriers(token), accept: 'text/plain' } }, (reply) => {
    if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, 'MESH refused to refresh the token');
    if (reply.status !== 200) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, `unexpected HTTP ${reply.status}`);
    // The new token is the body itself, as text; some answers quote it as a JSON string.
    const fresh = reply.body.trim().replace(/^"(.*)"$/, '$1');
    if (!/^[A-Za-z0-9._~+/=-]{16,4096}$/.test(fresh)) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, 'the refreshed token is not a token');
    return fresh;
  });
}
