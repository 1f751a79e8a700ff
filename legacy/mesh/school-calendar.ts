import { addDays, Seeded } from '../kit';

/**
 * The school year as the diary lives it: Monday to Friday from 1 September to 31 May, with
 * Moscow's breaks and public holidays off, and a weekly timetable per class that repeats all
 * year. Derived, never stored, so every simulator instance agrees on every lesson.
 */

/** Breaks and holidays as `MM-DD` ranges, inclusive; a range may run over New Year. */
const DAYS_OFF: ReadonlyArray<readonly [string, string]> = [
  ['10-26', '11-01'], // autumn break
  ['11-04', '11-04'], // National Unity Day
  ['12-29', '01-11'], // winter break
  ['02-16', '02-23'], // February break and Defender of the Fatherland Day
  ['03-09', '03-09'],
  ['03-23', '03-29'], // spring break
  ['05-01', '05-01'],
  ['05-09', '05-11'],
];

const inRange = (md: string, [from, to]: readonly [string, string]): boolean => (from <= to ? md >= from && md <= to : md >= from || md <= to);

/**
 * Calendar facts per day, remembered: the diary walks the same few hundred days over and over
 * (homework looks weeks ahead per subject), and building a Date for each step was most of a
 * call's CPU, which a benchmark shares with the gateway.
 */
const calendar = new Map<string, { weekday: number; next: string; schoolDay: boolean }>();

function dayFacts(date: string): { weekday: number; next: string; schoolDay: boolean } {
  let facts = calendar.get(date);
  if (!facts) {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekday = day === 0 ? 7 : day;
    facts = { weekday, next: addDays(date, 1), schoolDay: schoolDayOf(date, weekday) };
    if (calendar.size > 20_000) calendar.clear();
    calendar.set(date, facts);
  }
  return facts;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return dayFacts(date).weekday;
}

export function nextDay(date: string): string {
  return dayFacts(date).next;
}

export function isSchoolDay(date: string): boolean {
  return dayFacts(date).schoolDay;
}

function schoolDayOf(date: string, weekday: number): boolean {
  const md = date.slice(5);
  if (md >= '06-01' && md <= '08-31') return false;
  if (weekday > 5) return false;
  return !DAYS_OFF.some((range) => inRange(md, range));
}

/** 1 September of the school year `date` falls in (summer belongs to the year that ended). */
export function schoolYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '09-01' ? `${year}-09-01` : `${year - 1}-09-01`;
}

/** Every calendar day from `from` to `to`, both included. */
export function* eachDay(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = nextDay(d)) yield d;
}

/** The bell schedule of a Moscow school: lesson n starts and ends at these Moscow wall-clock times. */
export const BELLS: ReadonlyArray<{ start: [number, number]; end: [number, number] }> = [
  { start: [8, 30], end: [9, 15] },
  { start: [9, 25], end: [10, 10] },
  { start: [10, 30], end: [11, 15] },
  { start: [11, 35], end: [12, 20] },
  { start: [12, 30], end: [13, 15] },
  { start: [13, 25], end: [14, 10] },
  { start: [14, 20], end: [15, 5] },
];

export interface Subject {
  id: number;
  name: string;
}

const S = {
  russian: { id: 33623580, name: 'Русский язык' },
  reading: { id: 33623581, name: 'Литературное чтение' },
  literature: { id: 33623582, name: 'Литература' },
  maths: { id: 33623583, name: 'Математика' },
  algebra: { id: 33623584, name: 'Алгебра' },
  geometry: { id: 33623585, name: 'Геометрия' },
  world: { id: 33623586, name: 'Окружающий мир' },
  english: { id: 33623587, name: 'Английский язык' },
  history: { id: 33623588, name: 'История' },
  social: { id: 33623589, name: 'Обществознание' },
  geography: { id: 33623590, name: 'География' },
  biology: { id: 33623591, name: 'Биология' },
  physics: { id: 33623592, name: 'Физика' },
  chemistry: { id: 33623593, name: 'Химия' },
  informatics: { id: 33623594, name: 'Информатика' },
  pe: { id: 33623595, name: 'Физическая культура' },
  music: { id: 33623596, name: 'Музыка' },
  art: { id: 33623597, name: 'Изобразительное искусство' },
  technology: { id: 33623598, name: 'Труд (технология)' },
} as const satisfies Record<string, Subject>;

export const PHYSICAL_EDUCATION = S.pe.name;

/** The subjects a class level studies, most frequent first (repeated entries weigh more). */
export function subjectsFor(level: number): Subject[] {
  if (level <= 4) return [S.russian, S.russian, S.maths, S.maths, S.reading, S.world, S.english, S.pe, S.music, S.art, S.technology];
  if (level <= 6) {
    return [S.russian, S.russian, S.maths, S.maths, S.literature, S.english, S.history, S.geography, S.biology, S.pe, S.music, S.technology, ...(level === 6 ? [S.social] : [])];
  }
  return [
    S.russian,
    S.algebra,
    S.algebra,
    S.geometry,
    S.literature,
    S.english,
    S.history,
    S.social,
    S.geography,
    S.biology,
    S.physics,
    S.informatics,
    S.pe,
    ...(level >= 8 ? [S.chemistry, S.chemistry] : [S.technology]),
  ];
}

export interface TimetableLesson {
  /** Index into BELLS. */
  slot: number;
  subject: Subject;
  room: string;
}

const timetables = new Map<string, TimetableLesson[]>();

/** A class's lessons on a weekday (1..5), the same every week of the year. */
export function timetable(seed: string, classUnitId: number, level: number, day: number): TimetableLesson[] {
  // Homework looks weeks ahead for each subject's next lesson; the week is built once.
  const key = `${seed}/${classUnitId}/${level}/${day}`;
  const known = timetables.get(key);
  if (known) return known;
  const lessons = buildTimetable(seed, classUnitId, level, day);
  if (timetables.size > 20_000) timetables.clear();
  timetables.set(key, lessons);
  return lessons;
}

function buildTimetable(seed: string, classUnitId: number, level: number, day: number): TimetableLesson[] {
  const r = new Seeded(seed, 'mesh', 'timetable', classUnitId, day);
  const count = level <= 4 ? r.int(4, 5) : level <= 8 ? r.int(5, 7) : r.int(6, 7);
  const subjects = subjectsFor(level);
  const lessons: TimetableLesson[] = [];
  for (let slot = 0; slot < count; slot++) {
    let subject = r.pick(subjects);
    // No subject twice in a row, as a real timetable would not (double lessons aside).
    if (lessons[slot - 1]?.subject.id === subject.id) subject = r.pick(subjects);
    const room = subject.id === S.pe.id ? 'Спортзал' : String(r.int(1, 4) * 100 + r.int(1, 30));
    lessons.push({ slot, subject, room });
  }
  return lessons;
}
