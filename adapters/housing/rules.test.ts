import type { Meter } from './port';
import { canSubmitNow, readingViolation, submitWindow } from './rules';

const at = (iso: string): Date => new Date(`${iso}+03:00`);
const meter = (patch: Partial<Meter> = {}): Meter => ({
  id: '1',
  userPlaceId: '2',
  kind: 'COLD_WATER',
  serialNumber: '14-007378',
  verifiedUntil: '2029-01-01',
  verificationExpired: false,
  remoteSubmission: true,
  lastReading: { period: '2026-10-31', value: 100, source: 'mos.ru' },
  ...patch,
});

describe('readings rules', () => {
  it('opens water from the 15th to the 3rd of the next month, by the Moscow date', () => {
    expect(submitWindow('COLD_WATER', at('2026-11-21T12:00:00'))).toEqual({ period: '2026-11-30', opensOn: '2026-11-15', closesOn: '2026-12-03', open: true });
    expect(submitWindow('HOT_WATER', at('2026-12-03T23:59:00'))).toEqual({ period: '2026-11-30', opensOn: '2026-11-15', closesOn: '2026-12-03', open: true });
    expect(submitWindow('HEAT', at('2026-12-04T00:00:00'))).toEqual({ period: '2026-12-31', opensOn: '2026-12-15', closesOn: '2027-01-03', open: false });
    // 21:30 UTC on the 14th is already the 15th in Moscow.
    expect(submitWindow('COLD_WATER', new Date('2026-11-14T21:30:00Z')).open).toBe(true);
  });

  it('opens electricity from the 15th to the 26th', () => {
    expect(submitWindow('ELECTRICITY', at('2026-11-26T20:00:00'))).toEqual({ period: '2026-11-30', opensOn: '2026-11-15', closesOn: '2026-11-26', open: true });
    expect(submitWindow('ELECTRICITY', at('2026-11-27T09:00:00'))).toEqual({ period: '2026-12-31', opensOn: '2026-12-15', closesOn: '2026-12-26', open: false });
    expect(submitWindow('ELECTRICITY', at('2026-12-02T09:00:00')).open).toBe(false);
  });

  it('names the rule a reading breaks, in the system\'s order', () => {
    const now = at('2026-11-21T12:00:00');
    const home = { registeredPersons: 2 };
    expect(readingViolation(meter(), home, 103, now)).toBeUndefined();
    expect(readingViolation(meter({ verifiedUntil: '2026-11-20' }), home, 103, now)).toBe('METER_VERIFICATION_EXPIRED');
    expect(readingViolation(meter(), home, 103, at('2026-11-10T12:00:00'))).toBe('READING_OUTSIDE_WINDOW');
    expect(readingViolation(meter(), home, -1, now)).toBe('READING_NEGATIVE');
    expect(readingViolation(meter(), home, 100.5, now)).toBe('READING_NOT_WHOLE');
    expect(readingViolation(meter({ lastReading: { period: '2026-11-30', value: 100, source: null } }), home, 103, now)).toBe('READING_ALREADY_SUBMITTED');
    expect(readingViolation(meter(), home, 99, now)).toBe('READING_DECREASING');
    expect(readingViolation(meter(), home, 100 + 7 * 2 * 3, now)).toBeUndefined();
    expect(readingViolation(meter(), home, 100 + 7 * 2 * 3 + 1, now)).toBe('READING_ABOVE_NORM');
    // Three months without a reading allow three months of consumption.
    expect(readingViolation(meter({ lastReading: { period: '2026-08-31', value: 100, source: null } }), home, 100 + 7 * 2 * 3 * 3, now)).toBeUndefined();
    expect(readingViolation(meter({ kind: 'HEAT' }), home, 100_000, now)).toBeUndefined();
    expect(readingViolation(meter({ lastReading: null }), home, 5, now)).toBeUndefined();
  });

  it('says whether a meter can be read now', () => {
    const now = at('2026-11-21T12:00:00');
    expect(canSubmitNow(meter(), now)).toBe(true);
    expect(canSubmitNow(meter({ lastReading: { period: '2026-11-30', value: 1, source: null } }), now)).toBe(false);
    expect(canSubmitNow(meter({ verificationExpired: true }), now)).toBe(false);
    expect(canSubmitNow(meter(), at('2026-11-05T12:00:00'))).toBe(false);
  });
});
