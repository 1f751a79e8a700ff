import { GraphQLScalarType, Kind } from 'graphql';
import { graphqlError } from '../../platform/errors';
import { isCalendarDate } from '../../platform/identifiers';

export { isCalendarDate };

/**
 * `Date` is a calendar day, `YYYY-MM-DD`; `DateTime` an instant with its zone, ISO-8601 with an
 * offset. Both refuse anything else with BAD_USER_INPUT, so a resolver never sees `21.11.2026`.
 *
 * A client's day or instant must also lie within EARLIEST_DAY..LATEST_DAY. Nothing the graph
 * serves is older or further ahead, and outside it the arithmetic below would fail rather than
 * refuse: PostgreSQL has no year 0 (`0000-01-01T00:00:00Z`), and a month after 9999-12 has five
 * digits. Messages never quote the value.
 */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2999-12-31';

/** Hours 00..23, an offset of at most ±14:00 (the widest any zone uses), and a real calendar day. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const EARLIEST_INSTANT = Date.parse(`${EARLIEST_DAY}T00:00:00Z`);
const LATEST_INSTANT = Date.parse(`${LATEST_DAY}T23:59:59.999Z`);

const DATE_RULE = `A Date is a calendar day written YYYY-MM-DD, from ${EARLIEST_DAY} to ${LATEST_DAY}.`;
const DATE_TIME_RULE = `A DateTime is ISO-8601 with a zone offset, e.g. 2026-11-21T10:30:00+03:00, from ${EARLIEST_DAY} to ${LATEST_DAY}.`;

function isDate(value: unknown): value is string {
  return typeof value === 'string' && isCalendarDate(value);
}

function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  return !!match && isCalendarDate(match[1] as string) && !Number.isNaN(Date.parse(value));
}

/** Output: what a legacy system gave, checked for shape only (a range failure there is not the client's). */
function serializeDate(value: unknown): string {
  if (!isDate(value)) throw graphqlError('BAD_USER_INPUT', DATE_RULE);
  return value;
}

function serializeDateTime(value: unknown): string {
  if (!isDateTime(value)) throw graphqlError('BAD_USER_INPUT', DATE_TIME_RULE);
  return value;
}

/** Input: the shape and the range. */
function parseDate(value: unknown): string {
  if (!isDate(value) || value < EARLIEST_DAY || value > LATEST_DAY) throw graphqlError('BAD_USER_INPUT', DATE_RULE);
  return value;
}

function parseDateTime(value: unknown): string {
  if (!isDateTime(value)) throw graphqlError('BAD_USER_INPUT', DATE_TIME_RULE);
  const instant = Date.parse(value);
  if (instant < EARLIEST_INSTANT || instant > LATEST_INSTANT) throw graphqlError('BAD_USER_INPUT', DATE_TIME_RULE);
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: serializeDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with its zone offset.',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
