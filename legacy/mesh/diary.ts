import { addDays, fromMoscow, hash32, moscowDate, moscowIso, moscowLocal, Seeded } from '../kit';
import { BELLS, eachDay, isSchoolDay, nextDay, PHYSICAL_EDUCATION, type TimetableLesson, timetable, weekday } from './school-calendar';
import type { MeshStudent } from './students';

/**
 * The diary's records of one student, derived from the seed, the student and the day, in MESH's
 * wire shapes (the fields of OctoDiary-py's models of the mobile API). Nothing that has not
 * happened yet by `now` is shown: no marks, visits or missed lessons in the future; homework and
 * the timetable do look ahead, as the real diary does. None of them names its student: MESH is
 * asked about one student per call. The simulator's batch forms add the student (`simulator.ts`).
 */

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = ([h, m]: readonly [number, number]): string => `${pad(h)}:${pad(m)}`;

/** A day the student stayed at home: no pass at the gate, no marks, lessons missed. */
export function isAbsent(seed: string, student: MeshStudent, date: string): boolean {
  return new Seeded(seed, 'mesh', 'absent', student.person.id, date).chance(0.06);
}

export function lessonsOn(seed: string, student: MeshStudent, date: string): TimetableLesson[] {
  return isSchoolDay(date) ? timetable(seed, student.classUnitId, student.level, weekday(date)) : [];
}

const CONTROL_FORMS = [
  { name: 'Ответ на уроке', weight: 1, share: 40 },
  { name: 'Домашняя работа', weight: 1, share: 20 },
  { name: 'Самостоятельная работа', weight: 2, share: 18 },
  { name: 'Тест', weight: 2, share: 10 },
  { name: 'Контрольная работа', weight: 3, share: 12 },
] as const;
const HUNDRED: Record<number, number> = { 2: 25, 3: 50, 4: 75, 5: 100 };
const COMMENTS = ['Молодец!', 'Хорошая работа', 'Не выполнено задание 2', 'Неаккуратное оформление', 'Отличный ответ'] as const;

/** `GET /marks` items for the student's days in [from, to]. */
export function marksOf(seed: string, student: MeshStudent, from: string, to: string, now: Date): Record<string, unknown>[] {
  // First-formers are taught without marks (безотметочное обучение): their diary has none.
  if (student.level < 2) return [];
  const today = moscowDate(now);
  const ability = new Seeded(seed, 'mesh', 'ability', student.person.id).pick([
    [2, 10, 35, 53],
    [5, 25, 45, 25],
    [10, 40, 35, 15],
  ]);
  const items: Record<string, unknown>[] = [];
  for (const date of eachDay(from, to)) {
    if (date > today || isAbsent(seed, student, date)) continue;
    for (const lesson of lessonsOn(seed, student, date)) {
      if (date === today && fromMoscow(date, ...BELLS[lesson.slot]!.end) > now) continue;
      const r = new Seeded(seed, 'mesh', 'mark', student.person.id, date, lesson.slot);
      if (!r.chance(0.22)) continue;
      const form = CONTROL_FORMS[r.weighted(CONTROL_FORMS.map((f) => f.share))]!;
      const passFail = lesson.subject.name === PHYSICAL_EDUCATION && r.chance(0.3);
      const five = 2 + r.weighted(ability);
      const value = passFail ? 'зачёт' : String(five);
      const comment = r.chance(0.1) ? r.pick(COMMENTS) : null;
      const given = moscowIso(fromMoscow(date, ...BELLS[lesson.slot]!.end));
      items.push({
        id: hash32(seed, 'mesh', 'mark-id', student.person.id, date, lesson.slot),
        value,
        values: [
          passFail
            ? { name: null, grade_system_id: null, grade_system_type: 'custom', grade: { five: null, hundred: null, origin: 'зачёт' } }
            : { name: null, grade_system_id: null, grade_system_type: 'five', grade: { five, hundred: HUNDRED[five], origin: value } },
        ],
        comment,
        weight: form.weight,
        point_date: null,
        control_form_name: form.name,
        comment_exists: comment !== null,
        created_at: given,
        updated_at: given,
        criteria: null,
        date,
        subject_name: lesson.subject.name,
        subject_id: lesson.subject.id,
        is_exam: form.name === 'Контрольная работа' && r.chance(0.15),
        is_point: false,
        original_grade_system_type: passFail ? 'custom' : 'five',
      });
    }
  }
  return items;
}

const TASKS = [
  (r: Seeded) => `§ ${r.int(1, 40)}, упр. ${r.int(1, 300)}`,
  (r: Seeded) => `Стр. ${r.int(5, 220)}, № ${r.int(1, 12)}, ${r.int(13, 30)}`,
  (r: Seeded) => `Прочитать § ${r.int(1, 40)}, ответить на вопросы`,
  (r: Seeded) => `Повторить правило, стр. ${r.int(5, 220)}`,
  () => 'Подготовиться к контрольной работе',
  () => 'Выучить наизусть',
] as const;

/**
 * The next day after `date` the subject is taught: when homework given on `date` is due. `lessons`
 * is the call's own lookup of a day's lessons: every subject of every day of the range looks up to
 * three weeks ahead, so the same days are asked about again and again.
 */
function nextLessonOf(lessons: (date: string) => TimetableLesson[], subjectId: number, date: string): string | undefined {
  for (let d = nextDay(date), i = 0; i < 21; d = nextDay(d), i++) {
    if (lessons(d).some((l) => l.subject.id === subjectId)) return d;
  }
  return undefined;
}

/** `lessonsOn` for one student, each day worked out once for the life of the lookup (one call). */
function lessonsLookup(seed: string, student: MeshStudent): (date: string) => TimetableLesson[] {
  const known = new Map<string, TimetableLesson[]>();
  return (date) => {
    let lessons = known.get(date);
    if (lessons === undefined) {
      lessons = lessonsOn(seed, student, date);
      known.set(date, lessons);
    }
    return lessons;
  };
}

/** `GET /homeworks/short` items due in [from, to]. */
export function homeworkOf(seed: string, student: MeshStudent, from: string, to: string, now: Date): Record<string, unknown>[] {
  const today = moscowDate(now);
  const items: Record<string, unknown>[] = [];
  const lessons = lessonsLookup(seed, student);
  // Homework due in the range was set up to three weeks before it.
  for (const assigned of eachDay(addDays(from, -21), to)) {
    const seen = new Set<number>();
    for (const lesson of lessons(assigned)) {
      if (seen.has(lesson.subject.id)) continue;
      seen.add(lesson.subject.id);
      const r = new Seeded(seed, 'mesh', 'homework', student.classUnitId, assigned, lesson.subject.id);
      if (!r.chance(0.8)) continue;
      const due = nextLessonOf(lessons, lesson.subject.id, assigned);
      if (!due || due < from || due > to) continue;
      const done = new Seeded(seed, 'mesh', 'homework-done', student.person.id, due, lesson.subject.id);
      items.push({
        type: 'OJ',
        description: r.pick(TASKS)(r),
        subject_id: lesson.subject.id,
        subject_name: lesson.subject.name,
        date: due,
        date_assigned_on: assigned,
        // The student's own copy of the homework entry: what "done" is ticked on.
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

/**
 * The school pass on one day, or `undefined` when the child did not come (or has not yet), and
 * whether the child is inside at `now`.
 */
function passOn(seed: string, student: MeshStudent, date: string, now: Date): { payload: Record<string, unknown>; inside: boolean } | undefined {
  const lessons = lessonsOn(seed, student, date);
  if (lessons.length === 0 || isAbsent(seed, student, date)) return undefined;
  const r = new Seeded(seed, 'mesh', 'visit', student.person.id, date);
  const inMinutes = 7 * 60 + 50 + r.int(0, 45);
  const lastBell = BELLS[lessons[lessons.length - 1]!.slot]!.end;
  const outMinutes = lastBell[0] * 60 + lastBell[1] + r.int(3, 120);
  const enteredAt = fromMoscow(date, Math.floor(inMinutes / 60), inMinutes % 60);
  if (enteredAt > now) return undefined;
  const leftAt = fromMoscow(date, Math.floor(outMinutes / 60), outMinutes % 60);
  // Now and then the card is not tapped on the way out: the system shows no exit and warns.
  const forgotCard = r.chance(0.04);
  const out = leftAt <= now && !forgotCard ? hhmm([Math.floor(outMinutes / 60), outMinutes % 60]) : null;
  const minutes = outMinutes - inMinutes;
  const payload = {
    in: hhmm([Math.floor(inMinutes / 60), inMinutes % 60]),
    out,
    duration: out ? `${Math.floor(minutes / 60)} ч. ${minutes % 60} мин.` : null,
    address: student.school.address,
    type: 'school',
    is_warning: forgotCard && leftAt <= now ? true : inMinutes > 8 * 60 + 30,
    short_name: student.school.shortName,
  };
  return { payload, inside: leftAt > now };
}

/** Whether the child has come through the gate today and not yet gone out (`status`' `at_school`). */
export function isAtSchool(seed: string, student: MeshStudent, now: Date): boolean {
  return passOn(seed, student, moscowDate(now), now)?.inside ?? false;
}

/** `GET /visits` items, newest day first, the day `YYYY-MM-DD` as the client asks for them. */
export function visitsOf(seed: string, student: MeshStudent, from: string, to: string, now: Date): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const last = moscowDate(now) < to ? moscowDate(now) : to;
  for (const date of eachDay(from, last)) {
    const pass = passOn(seed, student, date, now);
    if (pass) items.push({ date, visits: [pass.payload] });
  }
  return items.reverse();
}

/** Event-calendar lessons in [from, to]; `start_at` is Moscow wall-clock time with no offset. */
export function eventsOf(seed: string, student: MeshStudent, from: string, to: string, now: Date): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const date of eachDay(from, to)) {
    const absent = isAbsent(seed, student, date);
    for (const lesson of lessonsOn(seed, student, date)) {
      const bell = BELLS[lesson.slot]!;
      const start = fromMoscow(date, ...bell.start);
      const id = hash32(seed, 'mesh', 'lesson', student.classUnitId, date, lesson.slot);
      items.push({
        id,
        author_id: null,
        title: lesson.subject.name,
        start_at: moscowLocal(start),
        finish_at: moscowLocal(fromMoscow(date, ...bell.end)),
        is_all_day: false,
        source: 'PLAN',
        source_id: String(id),
        subject_id: lesson.subject.id,
        subject_name: lesson.subject.name,
        room_name: lesson.room === 'Спортзал' ? lesson.room : `Кабинет ${lesson.room}`,
        room_number: lesson.room,
        replaced: false,
        lesson_type: 'NORMAL',
        lesson_name: null,
        class_unit_ids: [student.classUnitId],
        class_unit_name: student.className,
        group_id: null,
        group_name: null,
        cancelled: false,
        is_missed_lesson: absent && start <= now,
        absence_reason_id: null,
        nonattendance_reason_id: null,
      });
    }
  }
  return items;
}
