import { GraphQLError, Kind } from 'graphql';
import { money } from './money';
import { DateScalar, DateTimeScalar, isCalendarDate } from './scalars';

describe('scalars', () => {
  it('accept calendar days and refuse other spellings with BAD_USER_INPUT', () => {
    expect(DateScalar.parseValue('2026-11-21')).toBe('2026-11-21');
    for (const bad of ['21.11.2026', '2026-02-30', '2026-1-5', 20261121]) {
      try {
        DateScalar.parseValue(bad);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('require a zone on instants', () => {
    expect(DateTimeScalar.parseValue('2026-11-21T10:30:00+03:00')).toBe('2026-11-21T10:30:00+03:00');
    expect(() => DateTimeScalar.parseValue('2026-11-21T10:30:00')).toThrow(GraphQLError);
  });

  it('refuse days and instants out of range or not real with BAD_USER_INPUT, never quoting them', () => {
    const refused = (parse: () => unknown): GraphQLError => {
      try {
        parse();
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        return error as GraphQLError;
      }
      throw new Error('accepted');
    };
    for (const day of ['0000-01-01', '1899-12-31', '3000-01-01', '9999-12-31']) {
      const error = refused(() => DateScalar.parseValue(day));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toContain(day);
      refused(() => DateScalar.parseLiteral({ kind: Kind.STRING, value: day }));
    }
    expect(DateScalar.parseValue('1900-01-01')).toBe('1900-01-01');
    expect(DateScalar.parseValue('2999-12-31')).toBe('2999-12-31');
    for (const instant of [
      '0000-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '3000-01-01T12:00:00Z',
      '2026-02-31T10:00:00Z',
      '2026-11-21T24:00:00Z',
      '2026-11-21T10:00:00+99:00',
      '2026-11-21T10:00:00.1234567891Z',
    ]) {
      const error = refused(() => DateTimeScalar.parseValue(instant));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toContain(instant);
    }
    expect(DateTimeScalar.parseValue('1900-01-01T03:00:00+03:00')).toBe('1900-01-01T03:00:00+03:00');
    expect(DateTimeScalar.parseValue('2026-11-21T10:30:00.123Z')).toBe('2026-11-21T10:30:00.123Z');
    // What a legacy system says is served as it is, range or not: only its shape is checked.
    expect(DateScalar.serialize('1899-05-01')).toBe('1899-05-01');
  });
});

describe('money', () => {
  it('keeps kopecks exact and renders roubles', () => {
    expect(money(123456)).toEqual({ kopecks: 123456, rubles: '1234.56' });
    expect(money(-5)).toEqual({ kopecks: -5, rubles: '-0.05' });
    expect(() => money(1.5)).toThrow();
  });
});
