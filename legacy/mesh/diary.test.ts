import { addDays, hash32, Seeded } from '../kit';
import { Population } from '../population';
import { homeworkOf, lessonsOn } from './diary';
import { eachDay, isSchoolDay, nextDay, timetable, weekday } from './school-calendar';
import { type MeshStudent, studentByMeshId } from './students';

/**
 * The homework list looks each day's lessons up once per call now; the answer must be the one the
 * diary gave when every lookup went to the calendar: the reference below is that code, kept as it was.
 */
const TASKS = [
  (r: Seeded) => `§ ${r.int(1, 40)}, упр. ${r.int(1, 300)}`,
  (r: Seeded) => `Стр. ${r.int(5, 220)}, № ${r.int(1, 12)}, ${r.int(13, 30)}`,
  (r: Seeded) => `Прочитать § ${r.int(1, 40)}, ответить на вопросы`,
  (r: Seeded) => `Повторить правило, стр. ${r.int(5, 220)}`,
  () => 'Подготовиться к контрольной работе',
  () => 'Выучить наизусть',
] as const;

function referenceHomework(seed: string, student: MeshStudent, from: string, to: string, today: string): Record<string, unknown>[] {
  const lessons = (date: string) => (isSchoolDay(date) ? timetable(seed, student.classUnitId, student.level, weekday(date)) : []);
  const nextLessonOf = (subjectId: number, date: string): string | undefined => {
    for (let d = nextDay(date), i = 0; i < 21; d = nextDay(d), i++) if (lessons(d).some((l) => l.subject.id === subjectId)) return d;
    return undefined;
  };
  const items: Record<string, unknown>[] = [];
  for (const assigned of eachDay(addDays(from, -21), to)) {
    const seen = new Set<number>();
    for (const lesson of lessons(assigned)) {
      if (seen.has(lesson.subject.id)) continue;
      seen.add(lesson.subject.id);
      const r = new Seeded(seed, 'mesh', 'homework', student.classUnitId, assigned, lesson.subject.id);
      if (!r.chance(0.8)) continue;
      const due = nextLessonOf(lesson.subject.id, assigned);
      if (!due || due < from || due > to) continue;
      const done = new Seeded(seed, 'mesh', 'homework-done', student.person.id, due, lesson.subject.id);
      items.push({
        type: 'OJ',
        description: r.pick(TASKS)(r),
        subject_id: lesson.subject.id,
        subject_name: lesson.subject.name,
        date: due,
        date_assigned_on: assigned,
        homework_entry_student_id: hash32(seed, 'mesh', 'homework-id', student.person.id, assigned, lesson.subject.id),
        materials_count: [],
        has_written_answer: false,
        is_done: done.chance(due < today ? 0.85 : due === today ? 0.5 : 0.1),
        has_teacher_answer: false,
      });
    }
  }
  return items.sort((a, b) => String(a.date).localeCompare(String(b.date)));
}

describe('homework', () => {
  const population = new Population();
  const students = Array.from({ length: 400 }, (_, i) => population.person(1_000_008_000 + i * 8))
    .flatMap((p) => (p?.meshPersonId ? [studentByMeshId(population, p.meshPersonId)] : []))
    .filter((s): s is MeshStudent => s !== undefined);
  const ranges = [
    ['2026-11-16', '2026-11-22'],
    ['2026-10-20', '2026-11-10'],
    ['2026-12-22', '2027-01-20'],
    ['2026-08-25', '2026-09-14'],
  ] as const;

  it('is byte for byte what the day-by-day calendar gives, for many students and ranges', () => {
    expect(students.length).toBeGreaterThan(50);
    const now = new Date('2026-11-21T09:00:00Z');
    let nonEmpty = 0;
    for (const student of students) {
      for (const [from, to] of ranges) {
        const answer = JSON.stringify(homeworkOf(population.seed, student, from, to, now));
        expect(answer).toBe(JSON.stringify(referenceHomework(population.seed, student, from, to, '2026-11-21')));
        if (answer !== '[]') nonEmpty++;
      }
      expect(lessonsOn(population.seed, student, '2026-11-16').length).toBeGreaterThan(0);
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });
});
