import { moscowDate, SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import type { Person } from '../population';
import { HousingData, type SimBill, type SimHome, type SimMeter } from './model';
import { lastClosedPeriod, MONTHLY_CAP, monthsBetween, NORM_FACTOR, NORM_PER_PERSON, openPeriod, REFUSALS, REGISTER_MAX } from './rules';
import { SessionStore } from './sessions';

/** The portal's session cookie. */
export const SESSION_COOKIE = 'session-cookie';
/** *(designed)* The header an integration client names the person with, beside the service token. */
export const PERSON_HEADER = 'x-person-id';
/** *(designed)* Most homes in one listByPayerCode or GetEpdData call. */
export const MAX_BATCH = 20;
/** *(designed)* Most readings in one history page. */
export const MAX_HISTORY_PAGE = 50;

interface Indication {
  period: string;
  indication: number;
  source: string;
}

/** A reading the simulator took through addIndications and still keeps. */
export interface StoredReading {
  counterId: number;
  period: string;
  indication: number;
  /** The simulator clock's instant when it was taken. */
  takenAt: string;
}

/**
 * The simulator with an in-process view of what it stored, for tests that must show a reading was
 * stored exactly once. Not an endpoint: the real portal has nothing like it, and the kit keeps
 * `/__admin` to itself.
 */
export interface HousingSimulatorDefinition extends SimulatorDefinition {
  /** Every reading taken and not withdrawn, in the order taken. */
  storedReadings(): StoredReading[];
}

const EPD_PATH = '/pgu/common/ajax/Guis062301/GetEpdData';

/**
 * Housing and utilities: the meters REST API (cookie session, or the service token with the
 * person's id for integration clients) and the EPD form API of the older portal, on one server.
 * Readings are checked by the rules of the simulator clock's Moscow date; accepted ones are kept
 * in memory and show in lastIndication and the history.
 */
export function createHousingSimulator({ population, serviceToken }: SimulatorDeps): HousingSimulatorDefinition {
  const data = new HousingData(population);
  const sessions = new SessionStore();
  /** Accepted readings per counterId, oldest first. */
  const accepted = new Map<number, Array<Indication & { takenAt: string; seq: number }>>();
  let writes = 0;

  const refuse = (status: number, error: string): never => {
    throw new SimHttpError(status, { json: { code: status, error } });
  };
  const notFound = (error: string): never => {
    throw new SimHttpError(404, { json: { code: 'NOT_FOUND', error } });
  };

  /** The signed-in person: a live session cookie, or the service token with the person's id. */
  const authenticate = (req: SimRequest): Person => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      if (authorization !== `Bearer ${serviceToken}`) refuse(401, 'Unauthorized');
      const header = req.headers[PERSON_HEADER];
      const person = population.personByKey(typeof header === 'string' ? header : '');
      return person ?? refuse(401, 'Unauthorized');
    }
    const token = req.cookie(SESSION_COOKIE);
    if (!token) return refuse(401, 'Unauthorized');
    const personId = sessions.touch(token, req.now);
    const person = personId === undefined ? undefined : population.person(personId);
    return person ?? refuse(403, 'Сессия истекла. Войдите снова.');
  };

  const ownHome = (person: Person, home: SimHome | undefined): SimHome => {
    if (!home) return notFound('Объект не найден.');
    if (home.personId !== person.id) refuse(403, 'Доступ запрещен.');
    return home;
  };

  const history = (meter: SimMeter, today: string): Indication[] => {
    const own = accepted.get(meter.counterId) ?? [];
    const taken = new Set(own.map((i) => i.period));
    const kept = own.map((i) => ({ period: i.period, indication: i.indication, source: i.source }));
    return [...data.generatedHistory(meter, today).filter((i) => !taken.has(i.period)), ...kept].sort((a, b) => a.period.localeCompare(b.period));
  };

  const counterPayload = (meter: SimMeter, today: string) => {
    const expired = meter.checkUpDate < today;
    const last = history(meter, today).at(-1);
    return {
      counterId: meter.counterId,
      typeName: meter.typeName,
      num: meter.num,
      // The portal sends the verification day as a local midnight without an offset.
      checkUpDate: `${meter.checkUpDate}T00:00:00`,
      checkupStatus: expired ? 'EXPIRED' : 'OK',
      enableTransfer: !expired,
      lastIndication: last ? { period: last.period, indication: last.indication, source: last.source } : null,
    };
  };

  const meterOf = (home: SimHome, counterId: string | null): SimMeter =>
    home.meters.find((m) => String(m.counterId) === counterId) ?? notFound('Прибор учета не найден.');

  const list = (req: SimRequest, name: string): string[] => {
    const raw = req.query.getAll(name).flatMap((v) => v.split(','));
    if (raw.length === 0 || raw.some((v) => v.trim() === '')) refuse(400, `Не указан параметр ${name}.`);
    if (raw.length > MAX_BATCH) refuse(400, `Не более ${MAX_BATCH} значений ${name}.`);
    return raw.map((v) => v.trim());
  };

  return {
    system: 'housing',
    storedReadings: () =>
      [...accepted]
        .flatMap(([counterId, own]) => own.map((i) => ({ counterId, period: i.period, indication: i.indication, takenAt: i.takenAt, seq: i.seq })))
        .sort((a, b) => a.seq - b.seq)
        .map(({ seq: _seq, ...reading }) => reading),
    routes: [
      {
        method: 'POST',
        path: '/api/profile/auth/web',
        handle(req) {
          const person = population.personByKey(req.query.get('code') ?? '');
          if (!person) return refuse(401, 'Неверный код авторизации.');
          const token = sessions.open(person.id, req.now);
          return { headers: { 'set-cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly` }, json: { data: { result: true } } };
        },
      },
      {
        method: 'GET',
        path: '/api/profile/user/getInfo/',
        handle(req) {
          const person = authenticate(req);
          const addresses = data.homesOf(person.id).map((home) => ({
            userPlaceId: home.userPlaceId,
            fls: home.payerCode,
            flat: home.flat,
            address: home.address,
            unom: home.unom,
            // *(designed)* the norm is per registered person, so the graph needs the count to explain it.
            registeredPersons: home.registeredPersons,
          }));
          return { json: { data: { addresses } } };
        },
      },
      {
        method: 'GET',
        path: '/api/efp/counters/listByPayerCode/',
        handle(req) {
          const person = authenticate(req);
          const today = moscowDate(req.now);
          // The portal takes several homes in one call: userPlaceIds=1,2,3.
          const homes = list(req, 'userPlaceIds').map((id) => ownHome(person, data.homeByUserPlaceId(id)));
          return { json: { data: homes.map((home) => ({ userPlaceId: home.userPlaceId, activeCounters: home.meters.map((m) => counterPayload(m, today)) })) } };
        },
      },
      {
        // *(designed)* A meter's readings, newest first, in pages before a period.
        method: 'GET',
        path: '/api/efp/counters/history/',
        handle(req) {
          const person = authenticate(req);
          const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
          const meter = meterOf(home, req.query.get('counterId'));
          const before = req.query.get('before');
          if (before !== null && !/^\d{4}-\d{2}-\d{2}$/.test(before)) refuse(400, 'Некорректный параметр before.');
          const limit = Number(req.query.get('limit') ?? '12');
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) refuse(400, `limit: от 1 до ${MAX_HISTORY_PAGE}.`);
          const older = history(meter, moscowDate(req.now))
            .filter((i) => before === null || i.period < before)
            .reverse();
          return { json: { data: { indications: older.slice(0, limit), hasMore: older.length > limit } } };
        },
      },
      {
        method: 'PUT',
        path: '/api/efp/counters/addIndications/',
        handle(req) {
          const person = authenticate(req);
          const today = moscowDate(req.now);
          const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
          const meter = meterOf(home, req.query.get('counterId'));
          if (meter.checkUpDate < today) refuse(400, REFUSALS.verificationExpired);
          const period = openPeriod(meter.typeName, today);
          if (period === undefined || req.query.get('period') !== period) refuse(400, REFUSALS.outsideWindow);
          const raw = (req.query.get('indication') ?? '').trim();
          if (!/^-?\d+(\.\d+)?$/.test(raw)) refuse(400, REFUSALS.notANumber);
          if (raw.startsWith('-')) refuse(400, REFUSALS.negative);
          const value = Number(raw);
          if (!(value <= REGISTER_MAX[meter.typeName])) refuse(400, REFUSALS.implausible);
          if (!/^\d+$/.test(raw)) refuse(400, REFUSALS.notWhole);
          const past = history(meter, today);
          const last = past.at(-1);
          if (past.some((i) => i.period === period)) refuse(400, REFUSALS.alreadySubmitted);
          if (last && value < last.indication) refuse(400, REFUSALS.decreasing);
          const months = last ? monthsBetween(last.period, period as string) : 0;
          const norm = NORM_PER_PERSON[meter.typeName];
          if (last && norm !== undefined && value - last.indication > norm * home.registeredPersons * months * NORM_FACTOR) refuse(400, REFUSALS.aboveNorm);
          const cap = MONTHLY_CAP[meter.typeName];
          if (last && cap !== undefined && value - last.indication > cap * months) refuse(400, REFUSALS.implausible);
          const own = accepted.get(meter.counterId) ?? [];
          own.push({ period: period as string, indication: value, source: 'mos.ru', takenAt: req.now.toISOString(), seq: ++writes });
          accepted.set(meter.counterId, own);
          return { json: { data: { result: true } } };
        },
      },
      {
        method: 'DELETE',
        path: '/api/efp/counters/removeLastValue/',
        handle(req) {
          const person = authenticate(req);
          const today = moscowDate(req.now);
          const home = ownHome(person, data.homeByUserPlaceId(req.query.get('userPlaceId') ?? ''));
          const meter = meterOf(home, req.query.get('counterId'));
          const last = history(meter, today).at(-1);
          if (!last) return refuse(400, REFUSALS.nothingToRemove);
          const own = accepted.get(meter.counterId) ?? [];
          // Generated readings and anything whose window has closed are already in a bill.
          if (own.at(-1)?.period !== last.period || last.period <= lastClosedPeriod(meter.typeName, today)) refuse(400, REFUSALS.alreadyBilled);
          own.pop();
          return { json: { data: { result: true } } };
        },
      },
      {
        method: 'GET',
        path: EPD_PATH,
        handle(req) {
          const person = authenticate(req);
          const today = moscowDate(req.now);
          // *(designed)* several payer codes in one call: payer_code=a,b&flat=x,y, one EpdList entry each.
          const payerCodes = list(req, 'payer_code');
          const flats = req.query.getAll('flat').flatMap((v) => v.split(','));
          if (flats.length !== payerCodes.length) refuse(400, 'Количество квартир не совпадает с количеством кодов плательщика.');
          const begin = req.query.get('beginperiod') ?? '';
          const end = req.query.get('endperiod') ?? '';
          if (!/^\d{4}-\d{2}-01$/.test(begin) || !/^\d{4}-\d{2}-01$/.test(end)) refuse(400, 'Период указывается в формате ГГГГ-ММ-01.');
          const notPaid = req.query.get('not_paid') === 'true';
          const EpdList = payerCodes.map((code, i) => {
            const home = ownHome(person, data.homeByPayerCode(code));
            if ((flats[i] ?? '').trim() !== home.flat) refuse(400, 'Номер квартиры не соответствует коду плательщика.');
            const bills = data.bills(home, begin, end, today).filter((b) => !notPaid || !b.paid);
            return { PayerCode: home.payerCode, Epd: bills.map(epdPayload) };
          });
          return { json: { EpdList } };
        },
      },
    ],
    failure(status: number, endpoint: string): SimResponse {
      // The transient fault an adapter must not take for success: HTTP 200 with an error flag.
      if (status === 200) return { status: 200, json: { error: true, code: 'retry_later' } };
      if (endpoint.endsWith(EPD_PATH)) {
        return { status, contentType: 'text/html; charset=utf-8', text: `<html><body><h1>${status}</h1>Сервис временно недоступен</body></html>` };
      }
      return { status, json: { code: status, error: 'Сервис временно недоступен. Повторите попытку позже.' } };
    },
  };
}

function epdPayload(bill: SimBill) {
  return {
    Period: bill.period,
    CreateDate: russianDate(bill.createDate),
    AccrualAmount: roubles(bill.accrualKopecks),
    PaymentAmount: roubles(bill.paymentKopecks),
    PenaltyAmount: roubles(bill.penaltyKopecks),
    InsuranceAmmount: roubles(bill.insuranceKopecks),
    PaymentStatus: bill.paid ? 'PAID' : 'NOT_PAID',
    EpdType: 'REGULAR',
    Uin: bill.uin,
  };
}

/** `DD.MM.YYYY`: the old portal writes its dates the Russian way. */
function russianDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** Roubles as the portal prints them: a decimal string whose trailing zeros are dropped (`1234.5`, `1234`). */
function roubles(kopecks: number): string {
  const whole = Math.floor(kopecks / 100);
  const cents = kopecks % 100;
  if (cents === 0) return String(whole);
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${String(cents).padStart(2, '0')}`;
}
