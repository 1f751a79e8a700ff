import { LRUCache } from 'lru-cache';
import { isCalendarDate } from '../identifiers';

/**
 * Moscow has been on UTC+03:00 all year since 2014, so a fixed offset is exact. The legacy
 * systems speak Moscow time, sometimes with the offset and sometimes without it.
 */
const OFFSET_MS = 3 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar parts of an instant as seen on a Moscow wall clock. */
export function moscowParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** `YYYY-MM-DD` of the Moscow calendar day the instant falls on: "today" for the legacy rules. */
export function moscowDate(instant: Date): string {
  const p = moscowParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS+03:00`. */
export function moscowIso(instant: Date): string {
  return `${moscowLocal(instant)}+03:00`;
}

/** `YYYY-MM-DDTHH:MM:SS` with no offset, as the school schedule sends it. */
export function moscowLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return shifted.toISOString().slice(0, 19);
}

/** The instant of a Moscow wall-clock time (`date` is `YYYY-MM-DD`). */
export function fromMoscow(date: string, hour = 0, minute = 0): Date {
  return new Date(`${date}T${pad(hour)}:${pad(minute)}:00+03:00`);
}

/**
 * Calendar arithmetic is pure and the simulators and mappers ask the same few thousand questions
 * (this month, last week) on every request; building a Date and an ISO string each time showed in
 * profiles. Answers are remembered, the least recently asked forgotten beyond 20 000.
 */
function memo2<A extends string | number>(compute: (date: string, n: A) => string): (date: string, n: A) => string {
  const known = new LRUCache<string, string>({ max: 20_000 });
  return (date, n) => {
    const key = `${date}|${n}`;
    let value = known.get(key);
    if (value === undefined) {
      value = compute(date, n);
      known.set(key, value);
    }
    return value;
  };
}

const addDaysMemo = memo2((date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
});

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return addDaysMemo(date, days);
}

const endOfMonthMemo = memo2((date: string, monthsBack: number) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - monthsBack, 0)).toISOString().slice(0, 10);
});

/** The last day of the month that `date` (`YYYY-MM-DD`) is in, shifted by `monthsBack` months. */
export function endOfMonth(date: string, monthsBack = 0): string {
  return endOfMonthMemo(date, monthsBack);
}

const startOfMonthMemo = memo2((date: string, monthsBack: number) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - monthsBack, 1)).toISOString().slice(0, 10);
});

/** The first day of the month that `date` is in, shifted by `monthsBack` months. */
export function startOfMonth(date: string, monthsBack = 0): string {
  return startOfMonthMemo(date, monthsBack);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `DD.MM.YYYY` ⇄ `YYYY-MM-DD`, for the older endpoints that take the Russian form. */
export function toRussianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

export function fromRussianDate(date: string): string | undefined {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(date);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
}

/** The same month's given day (`day` within 1..28). */
export function dayOfMonth(date: string, day: number): string {
  return `${date.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** Whole months from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): number {
  const index = (d: string): number => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return index(to) - index(from);
}

export function isLastDayOfMonth(date: string): boolean {
  return endOfMonth(date) === date;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time as the legacy systems write it → the same instant as `YYYY-MM-DDTHH:MM:SS+03:00`, or
 * `undefined` when it is not a real instant. A time without an offset is Moscow wall-clock time,
 * as the systems mean it; one with an offset (or `Z`) is converted. `2026-02-30` and `25:00`,
 * which `Date` would roll over, are refused. `requireOffset` refuses wall-clock times, for
 * protocols (xs:dateTime in SOAP) that promise an offset.
 */
export function toMoscowInstant(value: string, options: { requireOffset?: boolean } = {}): string | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, date = '', hour = '', minute = '', second = '00', , zone] = m;
  if (options.requireOffset && !zone) return undefined;
  if (!isCalendarDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  // An offset without its colon (`+0300`, as Python's `%z` writes it and a public EMIAS client
  // reads the card's dates) is the same offset; `Date` only knows it spelled `+03:00`.
  const offset = zone && /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const stem = zone ? value.slice(0, -zone.length) : `${date}T${hour}:${minute}:${second}`;
  const instant = Date.parse(`${stem}${offset ?? '+03:00'}`);
  return Number.isNaN(instant) ? undefined : moscowIso(new Date(instant));
}
