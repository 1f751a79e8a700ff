import type { ErrorCode } from '../../platform/errors';
import { dayOfMonth, endOfMonth, moscowDate, monthsBetween, startOfMonth } from '../../platform/time';
import type { Home, Meter, MeterKind } from './port';

/**
 * The housing system's rules for readings, checked by the graph before it writes so that a reading
 * the system would refuse never reaches it, and so the graph can say when a meter may be read.
 * Heat meters follow the water window, as the system does.
 */

/** Consumption norm per registered person per month; heat has none (it goes by floor area). */
export const NORM_PER_PERSON: Readonly<Partial<Record<MeterKind, number>>> = { COLD_WATER: 7, HOT_WATER: 5, ELECTRICITY: 100 };
/** A reading implying more than this many times the norm is refused. */
export const NORM_FACTOR = 3;

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
  if (value < 0) return 'READING_NEGATIVE';
  if (!Number.isSafeInteger(value)) return 'READING_NOT_WHOLE';
  const last = meter.lastReading;
  if (last?.period === window.period) return 'READING_ALREADY_SUBMITTED';
  if (!last) return undefined;
  if (value < last.value) return 'READING_DECREASING';
  const norm = NORM_PER_PERSON[meter.kind];
  if (norm !== undefined && home.registeredPersons !== null) {
    const months = Math.max(1, monthsBetween(last.period, window.period));
    if (value - last.value > norm * home.registeredPersons * months * NORM_FACTOR) return 'READING_ABOVE_NORM';
  }
  return undefined;
}
