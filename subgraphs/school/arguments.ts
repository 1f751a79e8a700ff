import type { DateRange } from '../../adapters/mesh';
import { graphqlError } from '../../platform/errors';

/** The longest range a diary field takes: a school term, with room. A hard maximum, not a default. */
export const MAX_RANGE_DAYS = 93;
/** The most meal days one page gives. */
export const MAX_MEAL_DAYS_PAGE = 31;

const DAY_MS = 86_400_000;

/**
 * A `from`/`to` pair of the contract (both already calendar days, checked by the Date scalar):
 * `from` not after `to`, and at most MAX_RANGE_DAYS days, both included. Checked before any
 * MESH call, so a bad range costs the diary nothing.
 */
export function dateRange(from: string, to: string): DateRange {
  if (from > to) throw graphqlError('BAD_USER_INPUT', '`from` is after `to`.', { field: 'from' });
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw graphqlError('BAD_USER_INPUT', `A range is at most ${MAX_RANGE_DAYS} days.`, { field: 'to' });
  return { from, to };
}

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_MEAL_DAYS_PAGE) {
    throw graphqlError('BAD_USER_INPUT', `\`first\` is 1 to ${MAX_MEAL_DAYS_PAGE}.`, { field: 'first' });
  }
  return first;
}
