import { LegacyBadResponseError, type LegacyTransport } from '../transport';
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

/** The headers that carry a session: cookies and whatever else the system wants beside them. */
export type SessionCarriers = Readonly<Record<string, string>>;

/**
 * How an adapter uses its session with a legacy system. Kept this small on purpose, and the same
 * in every adapter that has one, so that one implementation can later serve them all.
 */
export interface AdapterSession {
  /**
   * Runs `send` with the session's carriers, renewing the session once, and sending again once,
   * when the system refuses the carriers with `SessionRefusedError`. A second refusal is the
   * caller's error.
   */
  run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T>;
  /** Makes the session ready ahead of the first call (as a service starts); a failure is left for that call. */
  prime(): Promise<void>;
}

/**
 * A call's decoder throws this when the system refused the session (HTTP 401): a renewed session
 * may help. Out of `run` it is a LEGACY_BAD_RESPONSE: the system refused what we sent.
 */
export class SessionRefusedError extends LegacyBadResponseError {
  constructor(system: string, endpoint: string) {
    super(system, endpoint, `${system} refused the session`);
  }
}

const REFRESH_PATH = '/v2/token/refresh';
const REFRESH_ENDPOINT = `GET ${REFRESH_PATH}`;

/** The carriers of a token, as the mobile client sends them. */
export function meshCarriers(token: string): SessionCarriers {
  return { authorization: `Bearer ${token}`, 'auth-token': token, cookie: `aupd_token=${token}` };
}

export class MeshSession implements AdapterSession {
  private token: string;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly transport: LegacyTransport,
    /** The token MESH issued to the graph: where the session starts. */
    initialToken: string,
  ) {
    this.token = initialToken;
  }

  async run<T>(send: (carriers: SessionCarriers) => Promise<T>): Promise<T> {
    const used = this.token;
    try {
      return await send(meshCarriers(used));
    } catch (error) {
      if (!(error instanceof SessionRefusedError)) throw error;
      return send(meshCarriers(await this.renewed(used)));
    }
  }

  /** The configured token is ready as it is: nothing to do before the first call. */
  async prime(): Promise<void> {}

  /** A token newer than `refused`: another caller's refresh if one happened meanwhile, else ours. */
  private renewed(refused: string): Promise<string> {
    if (this.token !== refused) return Promise.resolve(this.token);
    this.refreshing ??= this.refresh(refused)
      .then((token) => {
        this.token = token;
        return token;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private refresh(token: string): Promise<string> {
    return this.transport.call({ method: 'GET', path: REFRESH_PATH, endpoint: REFRESH_ENDPOINT, headers: { ...meshCarriers(token), accept: 'text/plain' } }, (reply) => {
      if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, 'MESH refused to refresh the token');
      if (reply.status !== 200) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, `unexpected HTTP ${reply.status}`);
      // The new token is the body itself, as text; some answers quote it as a JSON string.
      const fresh = reply.body.trim().replace(/^"(.*)"$/, '$1');
      if (!/^[A-Za-z0-9._~+/=-]{16,4096}$/.test(fresh)) throw new LegacyBadResponseError(MESH_SYSTEM, REFRESH_ENDPOINT, 'the refreshed token is not a token');
      return fresh;
    });
  }
}
