import type { ErrorCode } from '../../../platform/errors';
import { dayOfMonth, endOfMonth, moscowDate, monthsBetween, startOfMonth } from '../../../platform/time';
import type { Home, Meter, MeterKind } from '../../../adapters/housing';

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
