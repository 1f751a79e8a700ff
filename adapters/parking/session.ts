import { cookieHeader, cookiesSetBy, LegacyBadResponseError, type LegacyReply, type LegacyTransport, RenewingSession } from '../transport';
import { AMPP_SYSTEM } from './ampp-mapper';

/** The integration's sign-in: its service token for a cabinet session of its own *(designed)*. */
const SIGN_IN = { path: '/api/2.40/auth/service', endpoint: 'POST /api/2.40/auth/service' } as const;
/** The header AMPP reads the service token from *(designed)*; sent only to sign in. */
const TOKEN_HEADER = 'x-auth-token';

/**
 * The graph's session with AMPP: one cabinet cookie session for the whole service, opened with
 * the service token and carried as AMPP's real `Cookie` on every account call (the public balance
 * plugin's carrier). One session serves every account, so signing in costs one call per session
 * lifetime, not one per resident or per dashboard.
 */
export function amppSession(transport: LegacyTransport, serviceToken: string): RenewingSession {
  return new RenewingSession(() =>
    transport.call(
      {
        method: 'POST',
        path: SIGN_IN.path,
        endpoint: SIGN_IN.endpoint,
        headers: { [TOKEN_HEADER]: serviceToken, accept: 'application/json' },
        // Signing in twice only opens a second session: safe to retry.
        idempotent: true,
      },
      readSignIn,
    ),
  );
}

function readSignIn(reply: LegacyReply): Record<string, string> {
  if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, 'AMPP refused our service token');
  if (reply.status !== 200) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, `unexpected HTTP ${reply.status}`);
  const cookies = cookiesSetBy(reply);
  if (cookies.size === 0) throw new LegacyBadResponseError(AMPP_SYSTEM, SIGN_IN.endpoint, 'the sign-in set no session cookie');
  return cookieHeader(cookies);
}
