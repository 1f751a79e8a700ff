import { GraphQLError } from 'graphql';
import { DateScalar, DateTimeScalar, isCalendarDate } from './scalars';
import { money } from './money';

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
});

describe('money', () => {
  it('keeps kopecks exact and renders roubles', () => {
    expect(money(123456)).toEqual({ kopecks: 123456, rubles: '1234.56' });
    expect(money(-5)).toEqual({ kopecks: -5, rubles: '-0.05' });
    expect(() => money(1.5)).toThrow();
  });
});
