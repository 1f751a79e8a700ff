/**
 * Ages as the law counts them. A person reaches an age on the anniversary of their birth, by the
 * calendar day (Moscow); someone born on 29 February reaches it on 28 February of a common year,
 * the last day of that month (Civil Code art. 192: a term in years ends on the same day of the
 * month, or on the month's last day when it has no such day).
 */

/** Legal representation of a child by a parent ends on the child's 18th birthday. */
export const AGE_OF_MAJORITY = 18;

/** The calendar day (`YYYY-MM-DD`) on which a person born on `birthDate` turns `years` old. */
export function dayOfAge(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastDayOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDayOfMonth)).padStart(2, '0')}`;
}

/** Whether a person born on `birthDate` is still under 18 on the calendar day `today` (`YYYY-MM-DD`). */
export function isMinorOn(birthDate: string, today: string): boolean {
  return today < dayOfAge(birthDate, AGE_OF_MAJORITY);
}
