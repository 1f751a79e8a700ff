import { isCalendarDate } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { MESH_SYSTEM } from './errors';
import type { Homework, Mark, MealDay, MealDaysPage, MealsAccount, ScheduleEvent, StudentProfile, Visit } from './port';
import type { WireChild, WireDayBalanceReply, WireEvent, WireHomework, WireMark, WireMealsClient, WireVisitDay } from './wire';

/**
 * MESH wire → domain. Checks what the schemas cannot (calendar dates, clock times, grade ranges)
 * and refuses a record rather than passing on something wrong; errors name the field, never the
 * value.
 */

const bad = (endpoint: string, reason: string): never => {
  throw new LegacyBadResponseError(MESH_SYSTEM, endpoint, reason);
};

const isoDate = (value: string, field: string, endpoint: string): string => (isCalendarDate(value) ? value : bad(endpoint, `${field} is not YYYY-MM-DD`));

/** `DD.MM.YYYY` → `YYYY-MM-DD`, as the older web endpoints write days. */
export function fromRussianDate(value: string): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
  return iso && isCalendarDate(iso) ? iso : undefined;
}

/** `YYYY-MM-DD` → `DD.MM.YYYY`. */
export function toRussianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

const clock = (value: string): { h: string; m: string } | undefined => {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? { h: m[1]!, m: m[2]! } : undefined;
};

/** A Moscow wall-clock `HH:MM` on a day, as an instant with its offset. */
function atMoscow(date: string, time: string, field: string, endpoint: string): string {
  const t = clock(time) ?? bad(endpoint, `${field} is not HH:MM`);
  return `${date}T${t.h}:${t.m}:00+03:00`;
}

/**
 * The event calendar writes Moscow time with no offset (`2026-11-20T08:30:00`); the graph's
 * DateTime always carries one. A time that does come with an offset is converted to Moscow's.
 */
export function moscowDateTime(value: string, field: string, endpoint: string): string {
  return toMoscowInstant(value) ?? bad(endpoint, `${field} is not an ISO-8601 time`);
}

export function toStudentProfile(wire: WireChild, endpoint: string): StudentProfile {
  if (wire.class_name.trim() === '') bad(endpoint, 'children.class_name is empty');
  return {
    meshPersonId: String(wire.id),
    school: { id: String(wire.school.id), name: wire.school.name },
    className: wire.class_name.trim(),
    classUnitId: String(wire.class_unit_id),
    contractId: wire.contract_id == null ? null : String(wire.contract_id),
  };
}

/**
 * The value MESH shows is kept as the display value; the five-point value comes from the `five`
 * grade when MESH gives one, or from the value itself when it is a plain digit. Pass/fail marks
 * (`зачёт`) have none.
 */
export function toMark(wire: WireMark, endpoint: string): Mark {
  const value = wire.value.trim();
  if (value === '') bad(endpoint, 'payload.value is empty');
  if (wire.weight < 0) bad(endpoint, 'payload.weight is negative');
  const five = wire.values?.find((v) => v.grade_system_type === 'five')?.grade.five;
  let fivePointValue: number | null = null;
  if (five !== undefined && five !== null) {
    if (!(five >= 1 && five <= 5)) bad(endpoint, 'payload.values.grade.five is outside 1..5');
    fivePointValue = five;
  } else if (/^[1-5]$/.test(value)) {
    fivePointValue = Number(value);
  }
  return {
    id: String(wire.id),
    studentId: String(wire.student_id),
    subjectId: String(wire.subject_id),
    subject: wire.subject_name,
    value,
    fivePointValue,
    weight: wire.weight,
    date: isoDate(wire.date, 'payload.date', endpoint),
    controlForm: wire.control_form_name ?? null,
    isExam: wire.is_exam,
    comment: wire.comment ?? null,
  };
}

export function toHomework(wire: WireHomework, endpoint: string): Homework {
  return {
    id: String(wire.homework_entry_id),
    studentId: String(wire.student_id),
    subject: wire.subject_name,
    description: wire.description.trim(),
    dueDate: isoDate(wire.date, 'payload.date', endpoint),
    assignedOn: wire.date_assigned_on == null ? null : isoDate(wire.date_assigned_on, 'payload.date_assigned_on', endpoint),
    isDone: wire.is_done,
  };
}

/** A day of school passes; the day comes in the Russian form. */
export function toVisits(wire: WireVisitDay, endpoint: string): Visit[] {
  const date = fromRussianDate(wire.date) ?? bad(endpoint, 'payload.date is not DD.MM.YYYY');
  return wire.visits.map((pass) => {
    const enteredAt = atMoscow(date, pass.in, 'payload.visits.in', endpoint);
    const leftAt = pass.out == null || pass.out === '' ? null : atMoscow(date, pass.out, 'payload.visits.out', endpoint);
    const minutes = leftAt === null ? null : (Date.parse(leftAt) - Date.parse(enteredAt)) / 60_000;
    return {
      studentId: String(wire.student_id),
      date,
      enteredAt,
      leftAt,
      durationMinutes: minutes !== null && minutes >= 0 ? minutes : null,
      address: pass.address ?? null,
      isWarning: pass.is_warning,
    };
  });
}

export function toScheduleEvent(wire: WireEvent, endpoint: string): ScheduleEvent {
  const subject = wire.subject_name ?? wire.title;
  if (!subject) bad(endpoint, 'response.subject_name is missing');
  const startsAt = moscowDateTime(wire.start_at, 'response.start_at', endpoint);
  const endsAt = moscowDateTime(wire.finish_at, 'response.finish_at', endpoint);
  if (Date.parse(endsAt) < Date.parse(startsAt)) bad(endpoint, 'response.finish_at is before start_at');
  return {
    id: String(wire.id),
    studentId: wire.person_id,
    subject: subject!,
    startsAt,
    endsAt,
    room: wire.room_number ?? null,
    isMissed: wire.is_missed_lesson ?? false,
  };
}

export function toMealsAccount(wire: WireMealsClient): MealsAccount {
  return { contractId: String(wire.contract_id), balanceKopecks: wire.balance, preorderAllowed: wire.preorderAllowed };
}

const TRANSACTION_KINDS: Record<string, MealDay['transactions'][number]['kind']> = { purchase: 'PURCHASE', refill: 'REFILL' };

export function toMealDaysPage(wire: WireDayBalanceReply, endpoint: string): MealDaysPage {
  return {
    balanceKopecks: wire.balance,
    hasNextPage: wire.hasNextPage,
    days: wire.days.map((day) => {
      const date = isoDate(day.date, 'days.date', endpoint);
      if (day.expense < 0) bad(endpoint, 'days.expense is negative');
      return {
        date,
        expenseKopecks: day.expense,
        transactions: day.transactions.map((t) => ({
          at: atMoscow(date, t.time, 'days.transactions.time', endpoint),
          amountKopecks: t.sum,
          kind: TRANSACTION_KINDS[t.type] ?? bad(endpoint, 'days.transactions.type is not purchase or refill'),
          title: t.title,
        })),
      };
    }),
  };
}
