import { graphqlError } from '../../platform/errors';
import { isOpaqueKey } from '../../platform/identifiers';

/**
 * Argument rules every subgraph shares, checked before anything is stored or sent. A refusal is
 * BAD_USER_INPUT naming the argument, never quoting it: the value may be anything a client typed.
 */

/** An id or key the graph does not interpret: 1..`maxLength` printable characters (see `isOpaqueKey`). */
export function opaqueKey(value: string, field: string, maxLength: number): string {
  if (!isOpaqueKey(value, maxLength)) throw graphqlError('BAD_USER_INPUT', `${field} is 1 to ${maxLength} printable characters.`, { field });
  return value;
}

/**
 * A `Float` argument. GraphQL's own coercion refuses a non-finite variable but lets a literal such
 * as `1e400` through as Infinity, which no store or legacy system takes.
 */
export function finiteNumber(value: number, field: string): number {
  if (!Number.isFinite(value)) throw graphqlError('BAD_USER_INPUT', `${field} is a finite number.`, { field });
  return value;
}
