import { moscowDate, type Route, SimHttpError, type SimRequest, type SimResponse } from '../kit';
import type { Person } from '../population';
import type { HousingData, SimHome, SimMeter } from './model';
import { type PortalAuth, signOnRedirect } from './portal-auth';
import { type ReadingBook, ReadingRefusal } from './readings';
import { REFUSALS } from './rules';

export const FORM_API_PATH = '/pgu/common/ajax/index.php';

/** The water meter types of the older form API: 1 cold, 2 hot (other meters are not in it). */
const WATER_TYPES: Readonly<Record<string, 1 | 2>> = { ХВС: 1, ГВС: 2 };
/** How many of a meter's latest readings getCountersInfo lists. */
const INDICATIONS_LISTED = 3;
/** Most readings one addCounterInfo takes *(designed)*. */
const MAX_INDICATIONS = 10;

/**
 * The older www.mos.ru form API for water meters: form-encoded `POST /pgu/common/ajax/index.php`
 * with `ajaxModule=Guis` and `ajaxAction`, the home named by `items[paycode]` and `items[flat]`.
 * Its answers are HTTP 200 whatever happens (public clients sign on again on any other status):
 * `{"counter":[…]}`, `{"code":0}` for a reading taken, `{"code":N,"error":"…"}` for a refusal.
 * Dates carry the Moscow offset and no time (`2026-10-31+03:00`); a list of one is sent as the
 * lone object, as the portal's XML-born JSON does.
 */
export function formApiRoutes(deps: { data: HousingData; auth: PortalAuth; readings: ReadingBook }): Route[] {
  const { data, auth, readings } = deps;

  return [
    {
      method: 'POST',
      path: FORM_API_PATH,
      // Counted and broken per action, as JSON-RPC methods are.
      name: (req) => `POST ${FORM_API_PATH} ${actionOf(req)}`,
      handle(req) {
        const identified = auth.identify(req);
        if (!('person' in identified)) {
          if (identified.refusal === 'bad-token') throw new SimHttpError(401, { json: { code: 401, error: 'Unauthorized' } });
          if (identified.refusal === 'no-person') return failure(2, 'Не указан пользователь.');
          throw new SimHttpError(302, signOnRedirect(req));
        }
        const form = req.form();
        if (form.get('ajaxModule') !== 'Guis') return failure(1, 'Неизвестный модуль.');
        const home = homeOf(identified.person, form);
        if (typeof home === 'string') return failure(3, home);
        const today = moscowDate(req.now);
        switch (form.get('ajaxAction')) {
          case 'getCountersInfo':
            return { json: { counter: home.meters.filter(isWater).map((meter) => counterInfo(meter, readings, today)) } };
          case 'addCounterInfo':
            return addCounterInfo(home, form, readings, req);
          default:
            return failure(1, 'Неизвестное действие.');
        }
      },
    },
  ];

  /** The person's home named by payer code and flat, or the refusal's text. */
  function homeOf(person: Person, form: URLSearchParams): SimHome | string {
    const home = data.homeByPayerCode((form.get('items[paycode]') ?? '').trim());
    if (!home || home.personId !== person.id) return 'Код плательщика не найден.';
    if ((form.get('items[flat]') ?? '').trim() !== home.flat) return 'Номер квартиры не соответствует коду плательщика.';
    return home;
  }
}

const actionOf = (req: SimRequest): string => {
  const action = req.form().get('ajaxAction') ?? '';
  return /^[A-Za-z]{1,40}$/.test(action) ? action : 'unknown';
};

const isWater = (meter: SimMeter): boolean => WATER_TYPES[meter.typeName] !== undefined;

const failure = (code: number, error: string): SimResponse => ({ json: { code, error } });

const withOffset = (date: string): string => `${date}+03:00`;

function counterInfo(meter: SimMeter, readings: ReadingBook, today: string) {
  const latest = readings
    .history(meter, today)
    .slice(-INDICATIONS_LISTED)
    .reverse()
    .map((i) => ({ period: withOffset(i.period), indication: i.indication.toFixed(2) }));
  return {
    counterId: meter.counterId,
    num: meter.num,
    type: WATER_TYPES[meter.typeName],
    checkup: withOffset(meter.checkUpDate),
    ...(latest.length === 0 ? {} : { indications: latest.length === 1 ? latest[0] : latest }),
  };
}

/**
 * `items[indications][N][counterNum|counterVal|num|period]`, several readings at once, all taken or
 * none. The reading is for the period open on the day it arrives; `period` must be a date in that
 * period's month or in the current one (clients send today's date or the month's last day)
 * *(designed)*. `counterVal` may be printed as `484.0`.
 */
function addCounterInfo(home: SimHome, form: URLSearchParams, readings: ReadingBook, req: SimRequest): SimResponse {
  const today = moscowDate(req.now);
  const rows = new Map<string, Record<string, string>>();
  for (const [key, value] of form) {
    const match = /^items\[indications\]\[(\d{1,2})\]\[(counterNum|counterVal|num|period)\]$/.exec(key);
    if (!match) continue;
    const row = rows.get(match[1] as string) ?? {};
    row[match[2] as string] = value;
    rows.set(match[1] as string, row);
  }
  if (rows.size === 0) return failure(4, 'Не переданы показания.');
  if (rows.size > MAX_INDICATIONS) return failure(4, `Не более ${MAX_INDICATIONS} показаний за раз.`);
  const checked: Array<{ meter: SimMeter; reading: { period: string; value: number } }> = [];
  try {
    for (const row of rows.values()) {
      const meter = home.meters.find((m) => isWater(m) && String(m.counterId) === (row.counterNum ?? '').trim());
      if (!meter) return failure(5, 'Прибор учета не найден.');
      if (checked.some((c) => c.meter === meter)) return failure(6, REFUSALS.alreadySubmitted);
      const asked = row.period ?? '';
      const inMonthOf = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked.slice(0, 7) === date.slice(0, 7);
      checked.push({ meter, reading: readings.check(home, meter, row.counterVal ?? '', today, (open) => inMonthOf(open) || inMonthOf(today), 'decimal') });
    }
  } catch (error) {
    if (error instanceof ReadingRefusal) return failure(6, error.text);
    throw error;
  }
  for (const { meter, reading } of checked) readings.take(meter, reading, req.now);
  return { json: { code: 0 } };
}
