import { endOfMonth } from '../kit';

/**
 * The readings rules as the housing system enforces them, by the simulator clock's Moscow date.
 * The graph checks the same rules before it writes (subgraphs/housing/readings/rules.ts); they are kept
 * apart on purpose, as two systems that agree, so a drift shows up in the tests.
 */

/** The meter types as the portal names them. */
export const COUNTER_TYPES = ['ХВС', 'ГВС', 'Отопление', 'Электроэнергия'] as const;
export type CounterType = (typeof COUNTER_TYPES)[number];

/**
 * Water is read from the 15th to the 3rd of the next month, electricity from the 15th to the 26th.
 * Heat follows the water window: Moscow takes flat heat meters with the water readings.
 */
const isWaterWindow = (type: CounterType): boolean => type !== 'Электроэнергия';

/** The period (last day of a month) a reading given on `today` belongs to, or undefined outside the window. */
export function openPeriod(type: CounterType, today: string): string | undefined {
  const day = Number(today.slice(8, 10));
  if (isWaterWindow(type)) {
    if (day >= 15) return endOfMonth(today);
    if (day <= 3) return endOfMonth(today, 1);
    return undefined;
  }
  return day >= 15 && day <= 26 ? endOfMonth(today) : undefined;
}

/** The latest period whose window has closed by `today`: its readings are taken into billing. */
export function lastClosedPeriod(type: CounterType, today: string): string {
  const day = Number(today.slice(8, 10));
  if (isWaterWindow(type)) return day >= 4 ? endOfMonth(today, 1) : endOfMonth(today, 2);
  return day >= 27 ? endOfMonth(today) : endOfMonth(today, 1);
}

/** Consumption norm per registered person per month, m³: water only. */
export const NORM_PER_PERSON: Readonly<Partial<Record<CounterType, number>>> = { ХВС: 7, ГВС: 5 };
/** "Several times above the norm": more than this many times the norm is refused. */
export const NORM_FACTOR = 3;
/** Heat (Gcal) and electricity (kWh): the most a flat is taken to use in a month, however many live there. */
export const MONTHLY_CAP: Readonly<Partial<Record<CounterType, number>>> = { Отопление: 10, Электроэнергия: 3_000 };
/** The largest value a meter's register shows; anything above is not a reading. */
export const REGISTER_MAX: Readonly<Record<CounterType, number>> = { ХВС: 99_999, ГВС: 99_999, Отопление: 99_999, Электроэнергия: 999_999 };

/** Whole months from one period (last day of a month) to a later one. */
export function monthsBetween(fromPeriod: string, toPeriod: string): number {
  const index = (p: string): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
  return index(toPeriod) - index(fromPeriod);
}

/**
 * The channels a reading comes through, by the code the portal sends as `source`. `22` is what
 * readings given through the portal carry in a capture of the live portal; the others are
 * *(designed)*.
 */
export const SOURCE_CODES = { portal: '22', mfc: '10', managingCompany: '4' } as const;

/** The system's own refusal texts (HTTP 400 `{"code":400,"error":…}`). */
export const REFUSALS = {
  alreadySubmitted: 'Показание за данный период уже внесено.',
  outsideWindow: 'Приём показаний за указанный период не производится.',
  notWhole: 'Показание должно быть целым числом.',
  negative: 'Показание не может быть отрицательным.',
  notANumber: 'Некорректное значение показания.',
  decreasing: 'Показание не может быть меньше предыдущего.',
  aboveNorm: 'Показание превышает норматив потребления.',
  implausible: 'Показание превышает допустимое для прибора учета значение.',
  verificationExpired: 'Истек срок поверки прибора учета. Передача показаний невозможна.',
  alreadyBilled: 'Показание уже принято к расчету и не может быть удалено.',
  nothingToRemove: 'Нет показаний для удаления.',
} as const;
