import { GraphQLScalarType, Kind } from 'graphql';
import { graphqlError } from '../../platform/errors';
import { isCalendarDate } from '../../platform/identifiers';

export { isCalendarDate };

/**
 * `Date` is a calendar day, `YYYY-MM-DD`; `DateTime` an instant with its zone, ISO-8601 with an
 * offset. Both refuse anything else with BAD_USER_INPUT, so a resolver never sees `21.11.2026`.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw graphqlError('BAD_USER_INPUT', 'A Date is a calendar day written YYYY-MM-DD.');
  }
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw graphqlError('BAD_USER_INPUT', 'A DateTime is ISO-8601 with a zone offset, e.g. 2026-11-21T10:30:00+03:00.');
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD.',
  serialize: (value) => parseDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with its zone offset.',
  serialize: (value) => parseDateTime(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
