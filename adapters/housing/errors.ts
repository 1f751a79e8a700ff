import type { ErrorCode } from '../../platform/errors';
import { LegacyRejectionError, LegacyUnavailableError } from '../transport';

export const SYSTEM = 'housing';

/**
 * The portal's habit for a transient fault: HTTP 200 with `{"error":true,"code":"retry_later"}`.
 * It is an outage, not an answer, so it fails as LEGACY_UNAVAILABLE.
 */
export class HousingRetryLaterError extends LegacyUnavailableError {
  constructor(endpoint: string) {
    super(SYSTEM, endpoint, undefined, `${SYSTEM} asked to retry later`);
  }
}

/**
 * The system's 400 texts and the codes that explain them. Matched on a distinctive fragment, so a
 * reworded sentence around it still maps; the texts name no person, so they may travel as reasons.
 */
const REFUSALS: ReadonlyArray<readonly [string, ErrorCode]> = [
  ['уже внесено', 'READING_ALREADY_SUBMITTED'],
  ['приём показаний', 'READING_OUTSIDE_WINDOW'],
  ['прием показаний', 'READING_OUTSIDE_WINDOW'],
  ['целым', 'READING_NOT_WHOLE'],
  ['отрицательн', 'READING_NEGATIVE'],
  ['меньше предыдущего', 'READING_DECREASING'],
  ['норматив', 'READING_ABOVE_NORM'],
  ['допустим', 'READING_IMPLAUSIBLE'],
  ['поверки', 'METER_VERIFICATION_EXPIRED'],
  ['некорректное значение', 'BAD_USER_INPUT'],
  ['принято к расчету', 'READING_ALREADY_BILLED'],
  ['нет показаний', 'RULE_VIOLATION'],
];

/** A 400 of the meters API as a typed refusal; an unknown text is a RULE_VIOLATION without quoting it. */
export function refusalFor(endpoint: string, text: string | undefined): LegacyRejectionError {
  const normalized = (text ?? '').toLowerCase();
  const match = REFUSALS.find(([fragment]) => normalized.includes(fragment));
  if (match && text) return new LegacyRejectionError(SYSTEM, endpoint, match[1], text);
  return new LegacyRejectionError(SYSTEM, endpoint, 'RULE_VIOLATION', `${SYSTEM} refused the request`);
}
