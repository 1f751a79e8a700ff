import { dayOfAge, isMinorOn } from './age';

describe('age of majority', () => {
  it('ends minority on the 18th birthday itself', () => {
    expect(isMinorOn('2008-11-21', '2026-11-20')).toBe(true);
    expect(isMinorOn('2008-11-21', '2026-11-21')).toBe(false);
    expect(isMinorOn('2008-11-21', '2027-01-01')).toBe(false);
    expect(isMinorOn('2015-03-01', '2026-11-21')).toBe(true);
  });

  it('counts a 29 February birthday as reached on the last day of February in a common year', () => {
    expect(dayOfAge('2008-02-29', 18)).toBe('2026-02-28');
    expect(dayOfAge('2008-02-29', 16)).toBe('2024-02-29');
    expect(isMinorOn('2008-02-29', '2026-02-27')).toBe(true);
    expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(false);
  });
});
