import { toMoscowInstant } from './moscow-time';

describe('toMoscowInstant', () => {
  it.each([
    ['2026-07-16T19:15:00', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T19:15', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T19:15:00+03:00', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T19:15:00+0300', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T16:15:00Z', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T16:15:00.250Z', '2026-07-16T19:15:00+03:00'],
    ['2026-07-16T12:15:00-0400', '2026-07-16T19:15:00+03:00'],
  ])('reads %s as %s', (value, expected) => {
    expect(toMoscowInstant(value)).toBe(expected);
  });

  it.each(['2026-02-30T10:00:00', '2026-07-16T25:00:00', '16.07.2026 19:15', '2026-07-16T19:15:00+3', '2026-07-16T19:15:00+03'])('refuses %s', (value) => {
    expect(toMoscowInstant(value)).toBeUndefined();
  });

  it('refuses a wall-clock time where an offset is required', () => {
    expect(toMoscowInstant('2026-07-16T19:15:00', { requireOffset: true })).toBeUndefined();
    expect(toMoscowInstant('2026-07-16T19:15:00+0300', { requireOffset: true })).toBe('2026-07-16T19:15:00+03:00');
  });
});
