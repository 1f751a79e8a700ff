import { cookieHeader, cookiesSetBy, LegacyBadResponseError, type LegacyReply, type LegacyTransport, RenewingSession } from '../transport';
import { HousingRetryLaterError, SYSTEM } from './errors';

/** The sign-in: the sign-on code exchange, which takes the integration's service token *(designed)*. */
const SIGN_IN = { path: '/api/profile/auth/web', endpoint: 'POST /api/profile/auth/web' } as const;

/**
 * The graph's session with the housing portal: one cookie session for the whole service, opened
 * by signing in with the service token (sent only to sign in) and carried as the portal's real
 * `Cookie`; the person is named on each call (`x-person-id`, *designed*). One session serves every
 * resident, so signing in costs one call per session lifetime, not one per resident or dashboard.
 */
export function housingSession(transport: LegacyTransport, serviceToken: string): RenewingSession {
  return new RenewingSession(() =>
    transport.call(
      {
        method: 'POST',
        path: SIGN_IN.path,
        endpoint: SIGN_IN.endpoint,
        headers: { authorization: `Bearer ${serviceToken}`, accept: 'application/json' },
        // Signing in twice only opens a second session: safe to retry.
        idempotent: true,
      },
      readSignIn,
    ),
  );
}

function readSignIn(reply: LegacyReply): Record<string, string> {
  if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, 'the housing system refused our service token');
  if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, `unexpected HTTP ${reply.status}`);
  if (isRetryLater(reply.body)) throw new HousingRetryLaterError(SIGN_IN.endpoint);
  const cookies = cookiesSetBy(reply);
  if (cookies.size === 0) throw new LegacyBadResponseError(SYSTEM, SIGN_IN.endpoint, 'the sign-in set no session cookie');
  return cookieHeader(cookies);
}

/** The portal's "try again later": `{"error": true}` in a 200. */
function isRetryLater(text: string): boolean {
  try {
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null && (body as { error?: unknown }).error === true;
  } catch {
    return false;
  }
}
