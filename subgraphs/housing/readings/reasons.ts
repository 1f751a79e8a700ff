import { describeError, type ErrorCode } from '../../../platform/errors';
import type { ReadingReason } from './types';

/**
 * The sentences a refused reading carries back to the resident. Each names the meter (its serial
 * number, or the id the resident gave when the meter is not known yet) and never the person or
 * anything of theirs: a refusal is shown to whoever submitted, who may have named someone else's
 * meter.
 */

/** A refusal by rule: the registry's description, or the next window for a window refusal. */
export function explainRefusal(meterLabel: string, code: ErrorCode, window?: { opensOn: string; closesOn: string }): string {
  if (code === 'READING_OUTSIDE_WINDOW' && window) {
    return `Meter ${meterLabel}: readings are not taken today; the next window is ${window.opensOn} to ${window.closesOn}.`;
  }
  return `Meter ${meterLabel}: ${describeError(code)}`;
}

/** A second reading for a meter and period while the first still waits for the housing system. */
export function alreadyWaiting(meterLabel: string): ReadingReason {
  return { code: 'READING_ALREADY_SUBMITTED', message: `Meter ${meterLabel}: a reading for this period is already waiting to be delivered.` };
}

/** A meter id that is not in the home the resident named. */
export function noSuchMeter(meterId: string): ReadingReason {
  return { code: 'METER_NOT_FOUND', message: `Meter ${meterId}: no such meter in this home.` };
}

/** A home that the housing system no longer lists for the submitter, found at delivery. */
export function noSuchHome(meterLabel: string): ReadingReason {
  return { code: 'NOT_FOUND', message: `Meter ${meterLabel}: the housing system lists no home with this payer code for the resident.` };
}
