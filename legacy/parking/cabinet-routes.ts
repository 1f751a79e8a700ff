import { citySignOnRoutes, type Route, SIGN_ON_FORM_PATH, sessionCookie } from '../kit';
import type { Population } from '../population';
import { AMPP_SESSION_COOKIE, type AmppAuth, amppError } from './ampp-auth';

export const CABINET_PATH = '/ru/cabinet';

/**
 * The resident's cabinet of lk.parking.mos.ru and the ways into it, as the public balance plugin
 * walks them: the cabinet page (its state embedded as JSON, `"accountId":5000001042,`), the
 * sign-on redirect `/auth/social/sudir?returnTo=…`, and the city sign-on form. And the
 * integration's own sign-in with its service token *(designed)*.
 */
export function cabinetRoutes(deps: { population: Population; auth: AmppAuth }): Route[] {
  const { population, auth } = deps;
  const toSignOn = (returnTo: string) => ({ status: 302, headers: { location: `/auth/social/sudir?returnTo=${encodeURIComponent(returnTo)}` }, text: '' });

  return [
    {
      method: 'GET',
      path: CABINET_PATH,
      handle(req) {
        const caller = auth.identify(req);
        if (caller?.kind !== 'resident') return toSignOn(CABINET_PATH);
        const state = { profile: { accountId: caller.person.parkingAccountId === null ? null : Number(caller.person.parkingAccountId), vehicles: caller.person.vehicles.length } };
        return {
          contentType: 'text/html; charset=utf-8',
          text: `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"/><title>Личный кабинет</title></head><body><div id="app"></div><script>window.__INITIAL_STATE__ = ${JSON.stringify(state)};</script></body></html>`,
        };
      },
    },
    {
      // The start of the city sign-on; the simulator's sign-on form is on its own host.
      method: 'GET',
      path: '/auth/social/sudir',
      handle(req) {
        return { status: 302, headers: { location: `${SIGN_ON_FORM_PATH}?bo=${encodeURIComponent(req.query.get('returnTo') ?? CABINET_PATH)}` }, text: '' };
      },
    },
    {
      // *(designed)* The integration's sign-in: its service token for a cabinet session of its own.
      method: 'POST',
      path: '/api/2.40/auth/service',
      handle(req) {
        if (!auth.hasServiceToken(req)) throw amppError(401, 'UNAUTHORIZED', 'Неверный токен');
        const token = auth.sessions.open({ kind: 'integration' }, req.now);
        return { headers: { 'set-cookie': sessionCookie(AMPP_SESSION_COOKIE, token) }, json: { result: true } };
      },
    },
    ...citySignOnRoutes({ population, sessions: auth.sessions, cookieName: AMPP_SESSION_COOKIE, landing: CABINET_PATH }),
  ];
}
