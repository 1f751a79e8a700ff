import { BELLS, eachDay, isSchoolDay, weekday } from './school-calendar';

/**
 * `GET /periods_schedules?student_id&from&to`: what each day of the school year is, one entry a
 * day, as OctoDiary-py's `PeriodsSchedules` model reads it (`date`, `type`, `title`,
 * `description`, `events`). The `type` words are *(designed)*.
 */
export function periodsOf(from: string, to: string): Record<string, unknown>[] {
  return [...eachDay(from, to)].map((date) => {
    const md = date.slice(5);
    const [type, title] = isSchoolDay(date)
      ? ['workday', 'Учебный день']
      : md >= '06-01' && md <= '08-31'
        ? ['vacation', 'Летние каникулы']
        : weekday(date) > 5
          ? ['weekend', 'Выходной день']
          : ['holiday', 'Каникулы или праздничный день'];
    return { date, type, title, description: type === 'workday' ? `Уроки с ${BELLS[0]!.start.map((n) => String(n).padStart(2, '0')).join(':')}` : null, events: null };
  });
}
