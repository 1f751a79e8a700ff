import { isCalendarDate } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { MESH_SYSTEM } from './errors';
import type { Homework, Mark, MealDay, MealDaysPage, MealsAccount, MeshRole, ScheduleEvent, StudentProfile, Visit } from './port';
import { type WireChild, WireClientId, type WireDayBalanceReply, type WireEvent, type WireHomework, type WireMark, type WireMealsClient, type WireVisitDay } from './wire';

/**
 * MESH wire → domain. Checks what the schemas cannot (calendar dates, clock times, grade ranges)
 * and refuses a record rather than passing on something wrong; errors name the field, never the
 * value. MESH's items do not say whose they are (a call is for one student); the client, which
 * knows whom it asked, passes the student in.
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

/** The profile's role, as the event calendar wants it in `x-mes-role`: a student's own, or a parent's. */
export function toMeshRole(profileType: string | null | undefined): MeshRole {
  return profileType === 'student' ? 'student' : 'parent';
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function toStudentProfile(wire: WireChild, viewerRole: MeshRole, endpoint: string): StudentProfile {
  if (wire.class_name.trim() === '') bad(endpoint, 'children.class_name is empty');
  const guid = wire.contingent_guid ?? null;
  if (guid !== null && !GUID.test(guid)) bad(endpoint, 'children.contingent_guid is not a GUID');
  return {
    meshPersonId: String(wire.id),
    school: { id: String(wire.school.id), name: wire.school.name },
    className: wire.class_name.trim(),
    classUnitId: String(wire.class_unit_id),
    contractId: wire.contract_id == null ? null : String(wire.contract_id),
    contingentGuid: guid,
    viewerRole,
  };
}

/**
 * The value MESH shows is kept as the display value; the five-point value comes from the `five`
 * grade when MESH gives one, or from the value itself when it is a plain digit. Pass/fail marks
 * (`зачёт`) have none. A mark without a weight counts once; one without `is_exam`, is not one.
 */
export function toMark(wire: WireMark, studentId: string, endpoint: string): Mark {
  const value = wire.value.trim();
  if (value === '') bad(endpoint, 'payload.value is empty');
  const weight = wire.weight ?? 1;
  if (weight < 0) bad(endpoint, 'payload.weight is negative');
  const five = wire.values?.find((v) => v.grade_system_type === 'five')?.grade?.five;
  let fivePointValue: number | null = null;
  if (five !== undefined && five !== null) {
    if (!(five >= 1 && five <= 5)) bad(endpoint, 'payload.values.grade.five is outside 1..5');
    fivePointValue = five;
  } else if (/^[1-5]$/.test(value)) {
    fivePointValue = Number(value);
  }
  return {
    id: String(wire.id),
    studentId,
    subjectId: wire.subject_id == null ? null : String(wire.subject_id),
    subject: wire.subject_name,
    value,
    fivePointValue,
    weight,
    date: isoDate(wire.date, 'payload.date', endpoint),
    controlForm: wire.control_form_name ?? null,
    isExam: wire.is_exam ?? false,
    comment: wire.comment ?? null,
  };
}

export function toHomework(wire: WireHomework, studentId: string, endpoint: string): Homework {
  const entry = wire.homework_entry_student_id ?? wire.homework_entry_id;
  return {
    id: entry == null ? null : String(entry),
    studentId,
    subject: wire.subject_name,
    description: wire.description.trim(),
    dueDate: isoDate(wire.date, 'payload.date', endpoint),
    assignedOn: wire.date_assigned_on == null ? null : isoDate(wire.date_assigned_on, 'payload.date_assigned_on', endpoint),
    isDone: wire.is_done ?? false,
  };
}

/** A day of school passes; the day is `YYYY-MM-DD`, or `DD.MM.YYYY` on older answers. */
export function toVisits(wire: WireVisitDay, studentId: string, endpoint: string): Visit[] {
  const date = (isCalendarDate(wire.date) ? wire.date : fromRussianDate(wire.date)) ?? bad(endpoint, 'payload.date is neither YYYY-MM-DD nor DD.MM.YYYY');
  return wire.visits.map((pass) => {
    const enteredAt = atMoscow(date, pass.in, 'payload.visits.in', endpoint);
    const leftAt = pass.out == null || pass.out === '' ? null : atMoscow(date, pass.out, 'payload.visits.out', endpoint);
    const minutes = leftAt === null ? null : (Date.parse(leftAt) - Date.parse(enteredAt)) / 60_000;
    return {
      studentId,
      date,
      enteredAt,
      leftAt,
      durationMinutes: minutes !== null && minutes >= 0 ? minutes : null,
      address: pass.address ?? null,
      isWarning: pass.is_warning ?? false,
    };
  });
}

export function toScheduleEvent(wire: WireEvent, studentId: string, endpoint: string): ScheduleEvent {
  const subject = wire.subject_name ?? wire.title ?? bad(endpoint, 'response.subject_name is missing');
  const startsAt = moscowDateTime(wire.start_at, 'response.start_at', endpoint);
  const endsAt = moscowDateTime(wire.finish_at, 'response.finish_at', endpoint);
  if (Date.parse(endsAt) < Date.parse(startsAt)) bad(endpoint, 'response.finish_at is before start_at');
  return {
    id: String(wire.id),
    studentId,
    subject,
    startsAt,
    endsAt,
    room: wire.room_number ?? null,
    isMissed: wire.is_missed_lesson ?? false,
  };
}

/** The account, its contract read from `clientId.contractId` or, as another client reads it, `contractId`. */
export function toMealsAccount(wire: WireMealsClient, endpoint: string): MealsAccount {
  const nested = WireClientId.safeParse(wire.clientId);
  const contractId = nested.success ? nested.data.contractId : (wire.contractId ?? bad(endpoint, 'clientId.contractId is missing'));
  return { contractId: String(contractId), balanceKopecks: wire.balance, preorderAllowed: wire.preorderAllowed ?? false };
}

const TRANSACTION_KINDS: Record<string, MealDay['transactions'][number]['kind']> = { purchase: 'PURCHASE', refill: 'REFILL' };
/** What a transaction that names no item is called: a refill buys nothing. */
const UNTITLED: Record<MealDay['transactions'][number]['kind'], string> = { PURCHASE: 'Покупка', REFILL: 'Пополнение счёта' };

/** A transaction's title: what was bought (`items[].title`), or what kind of transaction it was. */
function titleOf(items: ReadonlyArray<{ title?: string | null; count?: number | null }> | null | undefined, kind: keyof typeof UNTITLED): string {
  const titles = (items ?? []).map((i) => (i.title ? (i.count && i.count > 1 ? `${i.title} × ${i.count}` : i.title) : null)).filter((t) => t !== null);
  return titles.length > 0 ? titles.join(', ') : UNTITLED[kind];
}

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
        transactions: day.transactions.map((t) => {
          const kind = TRANSACTION_KINDS[t.type.toLowerCase()] ?? bad(endpoint, 'days.transactions.type is not purchase or refill');
          if (t.amount < 0) bad(endpoint, 'days.transactions.amount is negative');
          return { at: atMoscow(date, t.time, 'days.transactions.time', endpoint), amountKopecks: t.amount, kind, title: titleOf(t.items, kind) };
        }),
      };
    }),
  };
}
