import type { Home, Meter, MeterKind } from '../../../adapters/housing';
import type { ErrorCode } from '../../../platform/errors';
import { dayOfMonth, endOfMonth, monthsBetween, moscowDate, startOfMonth } from '../../../platform/time';
import { explainRefusal, noSuchMeter } from './reasons';
import type { GivenReading, ReadingReason } from './types';

/**
 * The housing system's rules for readings, checked by the graph before it writes so that a reading
 * the system would refuse never reaches it, and so the graph can say when a meter may be read.
 * Heat meters follow the water window, as the system does.
 */

/**
 * Every kind of meter has a plausibility bound, so a typo or an attack (9,007,199,254,740,991 Gcal)
 * is refused before anything is stored or sent:
 * - water: the consumption norm per registered person (READING_ABOVE_NORM, the system's own rule);
 * - heat and electricity: a cap per flat and month, whoever lives there (READING_IMPLAUSIBLE);
 * - every kind: no more than the meter's register can show (READING_IMPLAUSIBLE), which also
 *   bounds a first reading and a flat whose registered persons are unknown.
 */

/** Consumption norm per registered person per month, m³: water only. */
export const NORM_PER_PERSON: Readonly<Partial<Record<MeterKind, number>>> = { COLD_WATER: 7, HOT_WATER: 5 };
/** A reading implying more than this many times the norm is refused. */
export const NORM_FACTOR = 3;
/**
 * The most any flat plausibly uses in a month: heat in Gcal (a large flat in the coldest month
 * uses a few), electricity in kWh (an electrically heated flat, a few thousand).
 */
export const MONTHLY_CAP: Readonly<Partial<Record<MeterKind, number>>> = { HEAT: 10, ELECTRICITY: 3_000 };
/** The largest value a household meter's register shows: five whole digits, six for electricity. */
export const REGISTER_MAX: Readonly<Record<MeterKind, number>> = { COLD_WATER: 99_999, HOT_WATER: 99_999, HEAT: 99_999, ELECTRICITY: 999_999 };
/** The bound when the meter's kind is not known yet (housing could not be read): the largest register. */
export const ANY_REGISTER_MAX = Math.max(...Object.values(REGISTER_MAX));

/** When readings of a meter are taken: the window open now, or else the next one. */
export interface SubmitWindow {
  /** The period a reading given in the window is for: the last day of the month. */
  period: string;
  opensOn: string;
  closesOn: string;
  open: boolean;
}

const followsWaterWindow = (kind: MeterKind): boolean => kind !== 'ELECTRICITY';

/** Water and heat: from the 15th to the 3rd of the next month; electricity: from the 15th to the 26th. */
export function submitWindow(kind: MeterKind, now: Date): SubmitWindow {
  const today = moscowDate(now);
  const day = Number(today.slice(8, 10));
  const windowFor = (month: string, open: boolean): SubmitWindow => ({
    period: endOfMonth(month),
    opensOn: dayOfMonth(month, 15),
    closesOn: followsWaterWindow(kind) ? dayOfMonth(startOfMonth(month, -1), 3) : dayOfMonth(month, 26),
    open,
  });
  if (followsWaterWindow(kind)) {
    if (day >= 15) return windowFor(today, true);
    if (day <= 3) return windowFor(startOfMonth(today, 1), true);
    return windowFor(today, false);
  }
  if (day < 15) return windowFor(today, false);
  if (day <= 26) return windowFor(today, true);
  return windowFor(startOfMonth(today, -1), false);
}

/** Whether a reading of the meter would be taken now (window open, verified, not given yet for the period). */
export function canSubmitNow(meter: Meter, now: Date): boolean {
  const window = submitWindow(meter.kind, now);
  return window.open && !isVerificationExpired(meter, now) && meter.remoteSubmission && meter.lastReading?.period !== window.period;
}

export function isVerificationExpired(meter: Pick<Meter, 'verificationExpired' | 'verifiedUntil'>, now: Date): boolean {
  return meter.verificationExpired || meter.verifiedUntil < moscowDate(now);
}

/**
 * The rule a reading breaks, in the order the system checks them, or undefined when it would be
 * taken now.
 */
export function readingViolation(meter: Meter, home: Pick<Home, 'registeredPersons'>, value: number, now: Date): ErrorCode | undefined {
  if (isVerificationExpired(meter, now)) return 'METER_VERIFICATION_EXPIRED';
  if (!meter.remoteSubmission) return 'RULE_VIOLATION';
  const window = submitWindow(meter.kind, now);
  if (!window.open) return 'READING_OUTSIDE_WINDOW';
  const shape = valueViolation(value, REGISTER_MAX[meter.kind]);
  if (shape) return shape;
  const last = meter.lastReading;
  if (last?.period === window.period) return 'READING_ALREADY_SUBMITTED';
  if (!last) return undefined;
  if (value < last.value) return 'READING_DECREASING';
  const months = Math.max(1, monthsBetween(last.period, window.period));
  const norm = NORM_PER_PERSON[meter.kind];
  if (norm !== undefined && home.registeredPersons !== null && value - last.value > norm * home.registeredPersons * months * NORM_FACTOR) return 'READING_ABOVE_NORM';
  const cap = MONTHLY_CAP[meter.kind];
  if (cap !== undefined && value - last.value > cap * months) return 'READING_IMPLAUSIBLE';
  return undefined;
}

/**
 * What is wrong with the value itself, whatever the meter's history: negative, beyond what a
 * register of `registerMax` shows, or not whole. Beyond the register comes before "not whole", so
 * 1e20 is called implausible, not fractional. Also judges a reading whose meter is not known yet,
 * against ANY_REGISTER_MAX.
 */
export function valueViolation(value: number, registerMax: number): ErrorCode | undefined {
  if (value < 0) return 'READING_NEGATIVE';
  if (!(value <= registerMax)) return 'READING_IMPLAUSIBLE';
  if (!Number.isInteger(value)) return 'READING_NOT_WHOLE';
  return undefined;
}

/** What the housing system lists for the home a reading is for, when it could be read. */
export interface ListedHome {
  home: Pick<Home, 'userPlaceId' | 'registeredPersons'>;
  meters: ReadonlyArray<Meter>;
}

/** Checked against its meter and taken: it is to be sent for `period`. */
export interface Taken {
  verdict: 'TAKE';
  period: string;
  serialNumber: string;
}

/** The meter could not be read: what needs no meter passed, the rest is judged at delivery. */
export interface Held {
  verdict: 'HOLD';
  period: string;
}

/** Refused by a rule; nothing is sent. The period and serial number are those known by then. */
export interface Refused {
  verdict: 'REFUSE';
  reason: ReadingReason;
  period: string | null;
  serialNumber: string | null;
}

export type Judgement = Taken | Held | Refused;

/**
 * The graph's rules applied to one reading; the submitter (at once) and the delivery (for a
 * reading the submitter could only hold) both judge through here, so a reading is judged by one
 * set of rules wherever it is.
 *
 * With `listed`, against the meter as housing lists it for the submitter's home: a meter id not in
 * that home is METER_NOT_FOUND (naming only the id the resident gave), then every rule of
 * `readingViolation`. Without it (housing could not be read), only what needs no meter: the water
 * window, the widest (15th to the 3rd, sharing its period with electricity's), and a whole,
 * non-negative value within the largest register of any kind; such a reading is HELD, and
 * reserves nothing until the delivery has judged it against its meter.
 *
 * `at` is when the resident gave the reading: a held reading is judged at delivery by the day it
 * was given, not by the day housing came back.
 */
export function judge(reading: GivenReading, listed: ListedHome, at: Date): Taken | Refused;
export function judge(reading: GivenReading, listed: undefined, at: Date): Held | Refused;
export function judge(reading: GivenReading, listed: ListedHome | undefined, at: Date): Judgement;
export function judge(reading: GivenReading, listed: ListedHome | undefined, at: Date): Judgement {
  if (!listed) {
    const window = submitWindow('COLD_WATER', at);
    const refuse = (code: ErrorCode): Refused => ({
      verdict: 'REFUSE',
      reason: { code, message: explainRefusal(reading.meterId, code, window) },
      period: window.open ? window.period : null,
      serialNumber: null,
    });
    if (!window.open) return refuse('READING_OUTSIDE_WINDOW');
    const violation = valueViolation(reading.value, ANY_REGISTER_MAX);
    return violation ? refuse(violation) : { verdict: 'HOLD', period: window.period };
  }
  const meter = listed.meters.find((m) => m.id === reading.meterId);
  if (!meter) return { verdict: 'REFUSE', reason: noSuchMeter(reading.meterId), period: null, serialNumber: null };
  const window = submitWindow(meter.kind, at);
  const violation = readingViolation(meter, listed.home, reading.value, at);
  if (violation) {
    return {
      verdict: 'REFUSE',
      reason: { code: violation, message: explainRefusal(meter.serialNumber, violation, window) },
      period: window.open ? window.period : null,
      serialNumber: meter.serialNumber,
    };
  }
  // No violation means the window is open.
  return { verdict: 'TAKE', period: window.period, serialNumber: meter.serialNumber };
}
