import { moscowDate, type Route, SimHttpError, type SimRequest, sessionCookie } from '../kit';
import type { Person, Population } from '../population';
import type { HousingData, SimHome, SimMeter } from './model';
import { type PortalAuth, type Refusal, SESSION_COOKIE } from './portal-auth';
import { portalJson } from './portal-json';
import { type ReadingBook, ReadingRefusal } from './readings';

/** *(designed)* Most homes in one listByPayerCode or GetEpdData call. */
export const MAX_BATCH = 20;
/** *(designed)* Most readings in one history page. */
export const MAX_HISTORY_PAGE = 50;

/** A refusal in the meters API's shape: `{"code":400,"error":"…"}` with the status. */
export const refuse = (status: number, error: string): never => {
  throw new SimHttpError(status, { json: { code: status, error } });
};

export const notFound = (error: string): never => {
  throw new SimHttpError(404, { json: { code: 'NOT_FOUND', error } });
};

/** The home if it is the person's; 404 for one the portal does not know, 403 for someone else's. */
export function ownHome(person: Person, home: SimHome | undefined): SimHome {
  if (!home) return notFound('Объект не найден.');
  if (home.personId !== person.id) refuse(403, 'Доступ запрещен.');
  return home;
}

/** A comma-separated (or repeated) list parameter, at most MAX_BATCH long. */
export function listParam(req: SimRequest, name: string): string[] {
  const raw = req.query.getAll(name).flatMap((v) => v.split(','));
  if (raw.length === 0 || raw.some((v) => v.trim() === '')) refuse(400, `Не указан параметр ${name}.`);
  if (raw.length > MAX_BATCH) refuse(400, `Не более ${MAX_BATCH} значений ${name}.`);
  return raw.map((v) => v.trim());
}

/** The meters API's answers to a request without a caller. */
function refused(refusal: Refusal): never {
  switch (refusal) {
    case 'no-session':
    case 'bad-token':
      return refuse(401, 'Unauthorized');
    case 'session-over':
      return refuse(403, 'Сессия истекла. Войдите снова.');
    case 'no-person':
      // An integration that names nobody is signed in as no one.
      return refuse(401, 'Unauthorized');
  }
}

/** A flat as getInfo writes it: a number when it is one (`218`), text otherwise (`12А`). */
const flatInInfo = (flat: string): number | string => (/^\d{1,9}$/.test(flat) ? Number(flat) : flat);

/**
 * ed.mos.ru, the meters API: the sign-on code exchange, the profile's homes, the meters of several
 * homes, a meter's history *(designed)*, and giving and withdrawing a reading.
 */
export function metersRoutes(deps: { population: Population; data: HousingData; auth: PortalAuth; readings: ReadingBook }): Route[] {
  const { population, data, auth, readings } = deps;
  const caller = (req: SimRequest): Person => {
    const identified = auth.identify(req);
    return 'person' in identified ? identified.person : refused(identified.refusal);
  };
  const meterOf = (home: SimHome, counterId: string | null): SimMeter => home.meters.find((m) => String(m.counterId) === counterId) ?? notFound('Прибор учета не найден.');
  const counterPayload = (meter: SimMeter, today: string) => {
    const expired = meter.checkUpDate < today;
    const last = readings.last(meter, today);
    return {
      counterId: meter.counterId,
      typeName: meter.typeName,
      num: meter.num,
      checkUpDate: meter.checkUpDate,
      checkupStatus: expired ? 'EXPIRED' : 'OK',
      enableTransfer: !expired,
      lastIndication: last ? { period: last.period, indication: last.indication, source: last.source } : null,
    };
  };
  const asRefusal = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof ReadingRefusal) return refuse(400, error.text);
      throw error;
    }
  };

  return [
    {
      // The sign-on code exchange (a resident's code from the city sign-on; in the simulator the
      // code is the person's id), or the integration's sign-in with its service token *(designed)*.
      method: 'POST',
      path: '/api/profile/auth/web',
      handle(req) {
        const code = req.query.get('code');
        let token: string;
        if (code !== null) {
          const person = population.personByKey(code);
          if (!person) return refuse(401, 'Неверный код авторизации.');
          token = auth.sessions.open({ kind: 'resident', personId: person.id }, req.now);
        } else if (auth.hasServiceToken(req)) {
          token = auth.sessions.open({ kind: 'integration' }, req.now);
        } else {
          return refuse(401, 'Неверный код авторизации.');
        }
        return { headers: { 'set-cookie': sessionCookie(SESSION_COOKIE, token) }, json: { data: { result: true } } };
      },
    },
    {
      method: 'GET',
      path: '/api/profile/user/getInfo/',
      handle(req) {
        const person = caller(req);
        const addresses = data.homesOf(person.id).map((home) => ({
          userPlaceId: home.userPlaceId,
          fls: home.payerCode,
          flat: flatInInfo(home.flat),
          address: home.address,
          unom: home.unom,
          // *(designed)* the norm is per registered person, so the graph needs the count to explain it.
          registeredPersons: home.registeredPersons,
        }));
        return { json: { data: { user: { nickName: `${person.firstName} ${person.lastName.slice(0, 1)}` }, addresses } } };
      },
    },
    {
      method: 'GET',
      path: '/api/efp/counters/listByPayerCode/',
      handle(req) {
        const person = caller(req);
        const today = moscowDate(req.now);
        // The portal takes several homes in one call: userPlaceIds=1,2,3.
        const homes = listParam(req, 'userPlaceIds').map((id) => ownHome(person, data.homeByUserPlaceId(id)));
        return portalJson({
          data: homes.map((home) => ({ userPlaceId: home.userPlaceId, fls: home.payerCode, flat: home.flat, activeCounters: home.meters.map((m) => counterPayload(m, today)) })),
        });
      },
    },
    {
      // *(designed)* A meter's readings, newest first, in pages before a period.
      method: 'GET',
      path: '/api/efp/counters/history/',
      handle(req) {
        const person = caller(req);
        const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
        const meter = meterOf(home, req.query.get('counterId'));
        const before = req.query.get('before');
        if (before !== null && !/^\d{4}-\d{2}-\d{2}$/.test(before)) refuse(400, 'Некорректный параметр before.');
        const limit = Number(req.query.get('limit') ?? '12');
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) refuse(400, `limit: от 1 до ${MAX_HISTORY_PAGE}.`);
        const older = readings
          .history(meter, moscowDate(req.now))
          .filter((i) => before === null || i.period < before)
          .reverse();
        return portalJson({ data: { indications: older.slice(0, limit), hasMore: older.length > limit } });
      },
    },
    {
      method: 'PUT',
      path: '/api/efp/counters/addIndications/',
      handle(req) {
        const person = caller(req);
        const today = moscowDate(req.now);
        const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
        const meter = meterOf(home, req.query.get('counterId'));
        // The period named must be the open one: the last day of its month.
        const reading = asRefusal(() => readings.check(home, meter, req.query.get('indication') ?? '', today, (open) => req.query.get('period') === open, 'whole'));
        readings.take(meter, reading, req.now);
        return { json: { data: { result: true } } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/efp/counters/removeLastValue/',
      handle(req) {
        const person = caller(req);
        const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
        const meter = meterOf(home, req.query.get('counterId'));
        asRefusal(() => readings.removeLast(meter, moscowDate(req.now)));
        return { json: { data: { result: true } } };
      },
    },
  ];
}
