import dayBalance from './fixtures/day-balance-info.json';
import events from './fixtures/events.json';
import homeworks from './fixtures/homeworks-short.json';
import marks from './fixtures/marks.json';
import profile from './fixtures/profile.json';
import visits from './fixtures/visits.json';
import { fromRussianDate, moscowDateTime, toHomework, toMark, toMealDaysPage, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
import {
  WireDayBalanceReply,
  WireEventsReply,
  WireHomeworkReply,
  WireMarksReply,
  WireProfileReply,
  WireVisitsReply,
  type WireMark,
  type WireVisitDay,
} from './wire';

const endpoint = 'GET /api/family/mobile/v1/marks';
const wireMarks = WireMarksReply.parse(marks).payload;

/** Runs `fn` and returns the LEGACY_BAD_RESPONSE it throws. */
function badResponse(fn: () => unknown): Error & { code?: string; system?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a bad response');
}

describe('MESH mapper on recorded payloads', () => {
  it('maps the profile children to school, class and contract, dropping names and SNILS', () => {
    const [child] = WireProfileReply.parse(profile).children;
    const student = toStudentProfile(child!, 'GET /profile');
    expect(student).toEqual({
      meshPersonId: String(child!.id),
      school: { id: String(child!.school.id), name: child!.school.name },
      className: child!.class_name,
      classUnitId: String(child!.class_unit_id),
      contractId: String(child!.contract_id),
    });
    expect(JSON.stringify(student)).not.toContain(child!.snils!);
  });

  it('keeps the mark as shown and takes the five-point value from the grades', () => {
    const five = wireMarks.find((m) => /^[2-5]$/.test(m.value))!;
    expect(toMark(five, endpoint)).toMatchObject({
      studentId: String(five.student_id),
      subject: five.subject_name,
      value: five.value,
      fivePointValue: Number(five.value),
      weight: five.weight,
      date: five.date,
      isExam: five.is_exam,
    });
    // A plain digit without grades still has its five-point value.
    expect(toMark({ ...five, values: null }, endpoint).fivePointValue).toBe(Number(five.value));
  });

  it('gives a pass/fail mark a display value and no five-point value', () => {
    const passFail = wireMarks.find((m) => m.value === 'зачёт')!;
    expect(toMark(passFail, endpoint)).toMatchObject({ value: 'зачёт', fivePointValue: null });
  });

  it.each([
    ['a five-point grade out of range', { values: [{ grade_system_type: 'five', grade: { five: 7, hundred: 100, origin: '7' } }] }, 'grade.five'],
    ['a date in the Russian form', { date: '16.11.2026' }, 'payload.date'],
    ['an empty value', { value: ' ' }, 'payload.value'],
  ])('refuses %s as LEGACY_BAD_RESPONSE naming the field', (_name, patch, field) => {
    const error = badResponse(() => toMark({ ...wireMarks[0]!, ...patch } as WireMark, endpoint));
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain('16.11.2026');
  });

  it('maps homework with its due and assignment days', () => {
    const wire = WireHomeworkReply.parse(homeworks).payload[0]!;
    expect(toHomework(wire, 'GET /homeworks/short')).toEqual({
      id: String(wire.homework_entry_id),
      studentId: String(wire.student_id),
      subject: wire.subject_name,
      description: wire.description,
      dueDate: wire.date,
      assignedOn: wire.date_assigned_on,
      isDone: wire.is_done,
    });
  });

  it('turns Russian visit days and HH:MM passes into ISO dates and Moscow instants', () => {
    const day = WireVisitsReply.parse(visits).payload[0]!;
    const [visit] = toVisits(day, 'GET /visits');
    const iso = fromRussianDate(day.date)!;
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(visit).toMatchObject({
      studentId: String(day.student_id),
      date: iso,
      enteredAt: `${iso}T${day.visits[0]!.in}:00+03:00`,
      leftAt: `${iso}T${day.visits[0]!.out}:00+03:00`,
      isWarning: day.visits[0]!.is_warning,
    });
    expect(visit!.durationMinutes).toBe((Date.parse(visit!.leftAt!) - Date.parse(visit!.enteredAt)) / 60_000);
    // No exit tapped: no leaving time, no duration.
    const noExit: WireVisitDay = { ...day, visits: [{ ...day.visits[0]!, out: null, duration: null }] };
    expect(toVisits(noExit, 'GET /visits')[0]).toMatchObject({ leftAt: null, durationMinutes: null });
    expect(badResponse(() => toVisits({ ...day, date: iso }, 'GET /visits')).message).toContain('DD.MM.YYYY');
    expect(badResponse(() => toVisits({ ...day, visits: [{ ...day.visits[0]!, in: '8:1' }] }, 'GET /visits')).message).toContain('visits.in');
  });

  it('reads schedule times without an offset as Moscow time', () => {
    const wire = WireEventsReply.parse(events).response[0]!;
    const lesson = toScheduleEvent(wire, 'GET /events');
    expect(lesson.startsAt).toBe(`${wire.start_at}+03:00`);
    expect(lesson).toMatchObject({ studentId: wire.person_id, subject: wire.subject_name, room: wire.room_number, isMissed: false });
    expect(moscowDateTime('2026-11-20T05:30:00Z', 'start_at', 'GET /events')).toBe('2026-11-20T08:30:00+03:00');
    expect(moscowDateTime('2026-11-20T08:30', 'start_at', 'GET /events')).toBe('2026-11-20T08:30:00+03:00');
    expect(badResponse(() => toScheduleEvent({ ...wire, start_at: '20.11.2026 08:30' }, 'GET /events')).message).toContain('start_at');
  });

  it('maps meal days with kopecks and Moscow transaction times', () => {
    const wire = WireDayBalanceReply.parse(dayBalance);
    const page = toMealDaysPage(wire, 'GET /day_balance_info');
    expect(page.balanceKopecks).toBe(wire.balance);
    expect(page.hasNextPage).toBe(wire.hasNextPage);
    const day = wire.days[0]!;
    expect(page.days[0]).toMatchObject({ date: day.date, expenseKopecks: day.expense });
    expect(page.days[0]!.transactions[0]!.at).toBe(`${day.date}T${day.transactions[0]!.time}:00+03:00`);
    const strange = { ...wire, days: [{ ...day, transactions: [{ ...day.transactions[0]!, type: 'gift' }] }] };
    expect(badResponse(() => toMealDaysPage(strange, 'GET /day_balance_info')).message).toContain('transactions.type');
  });
});
