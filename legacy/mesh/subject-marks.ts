import { marksOf } from './diary';
import { schoolYearStart, subjectsFor } from './school-calendar';
import type { MeshStudent } from './students';

/**
 * The marks per subject for the running term, as `GET /subject_marks/short` answers them
 * (OctoDiary-py's `ShortSubjectMarks`: `average` as a string, `dynamic`, `period`, `count`,
 * `marks[]`, `start`, `end`, `subject_name`, `subject_id`), and the student's subjects as
 * `GET /subjects/list` lists them. Terms are the quarters of a Moscow school year *(designed)*.
 */

const QUARTERS: ReadonlyArray<{ name: string; from: string; to: string }> = [
  { name: '1 четверть', from: '09-01', to: '10-25' },
  { name: '2 четверть', from: '11-02', to: '12-28' },
  { name: '3 четверть', from: '01-12', to: '03-22' },
  { name: '4 четверть', from: '03-30', to: '05-31' },
];

/** The quarter `today` falls in, or the last one that ended before it. */
export function quarterOf(today: string): { name: string; start: string; end: string } {
  const yearStart = schoolYearStart(today);
  const startYear = Number(yearStart.slice(0, 4));
  const spans = QUARTERS.map((q) => {
    const year = q.from >= '09-01' ? startYear : startYear + 1;
    return { name: q.name, start: `${year}-${q.from}`, end: `${q.to >= '09-01' ? startYear : startYear + 1}-${q.to}` };
  });
  return [...spans].reverse().find((q) => q.start <= today) ?? spans[0]!;
}

export function subjectMarksOf(seed: string, student: MeshStudent, now: Date, today: string): Record<string, unknown>[] {
  const quarter = quarterOf(today);
  const marks = marksOf(seed, student, quarter.start, today < quarter.end ? today : quarter.end, now);
  const bySubject = new Map<number, Record<string, unknown>[]>();
  for (const mark of marks) {
    const list = bySubject.get(mark.subject_id as number) ?? [];
    list.push(mark);
    bySubject.set(mark.subject_id as number, list);
  }
  return subjectsOf(student).map(({ subject_id, subject_name }) => {
    const own = bySubject.get(subject_id) ?? [];
    const scored = own.filter((m) => /^[1-5]$/.test(m.value as string));
    const weights = scored.reduce((n, m) => n + (m.weight as number), 0);
    const average = weights === 0 ? null : scored.reduce((n, m) => n + Number(m.value) * (m.weight as number), 0) / weights;
    const last = scored.at(-1);
    return {
      average: average === null ? null : average.toFixed(2),
      dynamic: average === null || !last ? 'NONE' : Number(last.value) > average ? 'UP' : Number(last.value) < average ? 'DOWN' : 'NONE',
      period: quarter.name,
      count: own.length,
      target: null,
      marks: own.map(({ subject_id: _s, subject_name: _n, ...mark }) => mark),
      start: quarter.start,
      end: quarter.end,
      subject_name,
      subject_id,
      fixed_value: null,
    };
  });
}

/** The distinct subjects of the student's class level. */
export function subjectsOf(student: MeshStudent): Array<{ subject_id: number; subject_name: string }> {
  return [...new Map(subjectsFor(student.level).map((s) => [s.id, s.name])).entries()].map(([subject_id, subject_name]) => ({ subject_id, subject_name }));
}
