import { METER_KINDS, type Meter } from '../../../adapters/housing';
import { ANY_REGISTER_MAX, canSubmitNow, judge, MONTHLY_CAP, REGISTER_MAX, readingViolation, submitWindow, valueViolation } from './rules';

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

  it("names the rule a reading breaks, in the system's order", () => {
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
    expect(readingViolation(meter({ lastReading: null }), home, 5, now)).toBeUndefined();
  });

  it('bounds every kind: water by the norm per person, heat and electricity by a cap per month, all by the register', () => {
    const now = at('2026-11-21T12:00:00');
    const home = { registeredPersons: 2 };
    const heat = meter({ kind: 'HEAT' });
    const electricity = meter({ kind: 'ELECTRICITY', lastReading: { period: '2026-10-31', value: 20_000, source: null } });
    expect(readingViolation(heat, home, 100 + MONTHLY_CAP.HEAT!, now)).toBeUndefined();
    expect(readingViolation(heat, home, 100 + MONTHLY_CAP.HEAT! + 1, now)).toBe('READING_IMPLAUSIBLE');
    expect(readingViolation(heat, home, 100_000, now)).toBe('READING_IMPLAUSIBLE');
    expect(readingViolation(electricity, home, 20_000 + MONTHLY_CAP.ELECTRICITY!, now)).toBeUndefined();
    expect(readingViolation(electricity, home, 20_000 + MONTHLY_CAP.ELECTRICITY! + 1, now)).toBe('READING_IMPLAUSIBLE');
    // Electricity is no longer judged by a norm per person: a large family is not refused for it.
    expect(readingViolation(electricity, { registeredPersons: 1 }, 20_000 + 1_000, now)).toBeUndefined();
    // Four months since the last reading allow four months of use.
    expect(readingViolation(meter({ kind: 'HEAT', lastReading: { period: '2026-07-31', value: 100, source: null } }), home, 100 + 4 * MONTHLY_CAP.HEAT!, now)).toBeUndefined();
    // The register bounds a first reading and a flat whose persons are unknown, whatever the kind.
    for (const kind of METER_KINDS) {
      expect(readingViolation(meter({ kind, lastReading: null }), home, REGISTER_MAX[kind], now)).toBeUndefined();
      expect(readingViolation(meter({ kind, lastReading: null }), { registeredPersons: null }, REGISTER_MAX[kind] + 1, now)).toBe('READING_IMPLAUSIBLE');
      expect(readingViolation(meter({ kind, lastReading: null }), home, Number.MAX_SAFE_INTEGER, now)).toBe('READING_IMPLAUSIBLE');
    }
    expect(readingViolation(meter(), { registeredPersons: null }, 100 + 1_000, now)).toBeUndefined();
  });

  it('judges the value alone when the meter is not known yet: negative, beyond any register, or not whole', () => {
    expect(valueViolation(5, ANY_REGISTER_MAX)).toBeUndefined();
    expect(valueViolation(ANY_REGISTER_MAX, ANY_REGISTER_MAX)).toBeUndefined();
    expect(valueViolation(-1, ANY_REGISTER_MAX)).toBe('READING_NEGATIVE');
    expect(valueViolation(9_007_199_254_740_991, ANY_REGISTER_MAX)).toBe('READING_IMPLAUSIBLE');
    // Whole but beyond any register: implausible, not "not whole".
    expect(valueViolation(1e20, ANY_REGISTER_MAX)).toBe('READING_IMPLAUSIBLE');
    expect(valueViolation(Number.NaN, ANY_REGISTER_MAX)).toBe('READING_IMPLAUSIBLE');
    expect(valueViolation(10.5, ANY_REGISTER_MAX)).toBe('READING_NOT_WHOLE');
  });

  it('says whether a meter can be read now', () => {
    const now = at('2026-11-21T12:00:00');
    expect(canSubmitNow(meter(), now)).toBe(true);
    expect(canSubmitNow(meter({ lastReading: { period: '2026-11-30', value: 1, source: null } }), now)).toBe(false);
    expect(canSubmitNow(meter({ verificationExpired: true }), now)).toBe(false);
    expect(canSubmitNow(meter(), at('2026-11-05T12:00:00'))).toBe(false);
  });

  describe('judge', () => {
    const now = at('2026-11-21T12:00:00');
    const listed = { home: { userPlaceId: '2', registeredPersons: 2 }, meters: [meter(), meter({ id: '3', kind: 'ELECTRICITY', serialNumber: 'E-1', lastReading: null })] };

    it("takes a reading that keeps every rule of its meter, for the open period, naming the meter's serial number", () => {
      expect(judge({ meterId: '1', value: 105 }, listed, now)).toEqual({ verdict: 'TAKE', period: '2026-11-30', serialNumber: '14-007378' });
    });

    it("refuses by the meter's own rules, naming the meter and never the person", () => {
      expect(judge({ meterId: '1', value: 99 }, listed, now)).toEqual({
        verdict: 'REFUSE',
        reason: { code: 'READING_DECREASING', message: expect.stringMatching(/^Meter 14-007378: /) },
        period: '2026-11-30',
        serialNumber: '14-007378',
      });
      // Electricity's window has closed on the 27th, water's has not: each meter by its own window.
      const late = at('2026-11-27T12:00:00');
      expect(judge({ meterId: '3', value: 5 }, listed, late)).toMatchObject({
        verdict: 'REFUSE',
        reason: { code: 'READING_OUTSIDE_WINDOW', message: 'Meter E-1: readings are not taken today; the next window is 2026-12-15 to 2026-12-26.' },
        period: null,
      });
      expect(judge({ meterId: '1', value: 105 }, listed, late)).toMatchObject({ verdict: 'TAKE' });
    });

    it('refuses a meter id that is not in the home, naming only the id the resident gave', () => {
      expect(judge({ meterId: '77', value: 5 }, listed, now)).toEqual({
        verdict: 'REFUSE',
        reason: { code: 'METER_NOT_FOUND', message: 'Meter 77: no such meter in this home.' },
        period: null,
        serialNumber: null,
      });
    });

    it('holds a reading whose meter cannot be read, judging now only what needs no meter', () => {
      // A decrease cannot be known without the meter: held, for the delivery to judge.
      expect(judge({ meterId: '1', value: 1 }, undefined, now)).toEqual({ verdict: 'HOLD', period: '2026-11-30' });
      expect(judge({ meterId: '1', value: -1 }, undefined, now)).toMatchObject({
        verdict: 'REFUSE',
        reason: { code: 'READING_NEGATIVE', message: expect.stringMatching(/^Meter 1: /) },
        period: '2026-11-30',
        serialNumber: null,
      });
      expect(judge({ meterId: '1', value: ANY_REGISTER_MAX + 1 }, undefined, now)).toMatchObject({ verdict: 'REFUSE', reason: { code: 'READING_IMPLAUSIBLE' } });
      // Outside even the widest window: refused at once.
      expect(judge({ meterId: '1', value: 5 }, undefined, at('2026-11-10T12:00:00'))).toMatchObject({ verdict: 'REFUSE', reason: { code: 'READING_OUTSIDE_WINDOW' }, period: null });
    });

    it('judges by the instant it is given, not by when it is judged: a held reading is judged later by the day it was given', () => {
      const given = at('2026-12-03T20:00:00');
      expect(judge({ meterId: '1', value: 105 }, listed, given)).toEqual({ verdict: 'TAKE', period: '2026-11-30', serialNumber: '14-007378' });
      expect(judge({ meterId: '1', value: 105 }, listed, at('2026-12-04T09:00:00'))).toMatchObject({ verdict: 'REFUSE', reason: { code: 'READING_OUTSIDE_WINDOW' } });
    });
  });
});
