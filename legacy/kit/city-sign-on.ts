import { randomUUID } from 'node:crypto';
import type { Population } from '../population';
import type { Route, SimRequest, SimResponse } from './http-types';
import { type PortalSessions, sessionCookie } from './portal-sessions';

/** The password form of the city's sign-on (login.mos.ru), which public clients post to. */
export const SIGN_ON_FORM_PATH = '/sps/login/methods/password';

/** How long a form's CSRF token is accepted, by the simulator clock. */
const CSRF_TTL_MS = 30 * 60 * 1000;
const MAX_CSRF_TOKENS = 10_000;

export interface CitySignOnOptions {
  population: Population;
  /** The portal's own sessions: a successful sign-on opens one and sets its cookie. */
  sessions: PortalSessions;
  cookieName: string;
  /** Where the browser goes once signed on (a path of this portal). */
  landing: string;
}

/**
 * The city's sign-on as the simulators stand in for it, on the portal's own host: a client run
 * against a simulator with only its host changed signs on as it would on login.mos.ru. The page
 * carries the CSRF token in `<meta name='csrf-token-value' content='…'/>` (the markup public
 * clients search for); the form posts `login`, `password` and the token (`csrftokenw` or
 * `csrftoken_w`, both seen in public clients). The login is the person's id and any non-empty
 * password is taken *(designed: the simulator keeps no passwords, as its sign-on code is the id)*.
 * Success answers 302 to the portal with its session cookie; a refusal answers the form again with
 * no `Location`, which public clients read as a failed sign-on.
 */
export function citySignOnRoutes(options: CitySignOnOptions): Route[] {
  const issued = new Map<string, number>();

  const page = (req: SimRequest, notice?: string): SimResponse => {
    const csrf = randomUUID().replaceAll('-', '');
    if (issued.size >= MAX_CSRF_TOKENS) {
      const oldest = issued.keys().next().value;
      if (oldest !== undefined) issued.delete(oldest);
    }
    issued.set(csrf, req.now.getTime() + CSRF_TTL_MS);
    const message = notice ? `<p class="error">${notice}</p>` : '';
    return {
      contentType: 'text/html; charset=utf-8',
      text: [
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"/>',
        `<meta name='csrf-token-value' content='${csrf}'/>`,
        '<title>Вход</title></head><body>',
        message,
        `<form method="post" action="${SIGN_ON_FORM_PATH}">`,
        '<input name="login"/><input type="password" name="password"/>',
        `<input type="hidden" name="csrftokenw" value="${csrf}"/>`,
        '<button type="submit">Войти</button></form></body></html>',
      ].join('\n'),
    };
  };

  const csrfValid = (token: string, now: Date): boolean => {
    const expiresAt = issued.get(token);
    if (expiresAt === undefined) return false;
    issued.delete(token);
    return expiresAt > now.getTime();
  };

  return [
    { method: 'GET', path: SIGN_ON_FORM_PATH, handle: (req) => page(req) },
    {
      method: 'POST',
      path: SIGN_ON_FORM_PATH,
      handle(req) {
        const form = req.form();
        const csrf = form.get('csrftokenw') ?? form.get('csrftoken_w') ?? '';
        if (!csrfValid(csrf, req.now)) return page(req, 'Сессия входа устарела. Повторите попытку.');
        const person = options.population.personByKey((form.get('login') ?? '').trim());
        if (!person || (form.get('password') ?? '') === '') return page(req, 'Неверный логин или пароль.');
        const token = options.sessions.open({ kind: 'resident', personId: person.id }, req.now);
        return { status: 302, headers: { location: options.landing, 'set-cookie': sessionCookie(options.cookieName, token) }, text: '' };
      },
    },
  ];
}
