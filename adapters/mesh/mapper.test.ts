import dayBalance from './fixtures/day-balance-info.json';
import dayBalanceVariants from './fixtures/day-balance-info-variants.json';
import events from './fixtures/events.json';
import eventsBatch from './fixtures/events-batch.json';
import homeworksEntryId from './fixtures/homeworks-entry-id.json';
import homeworks from './fixtures/homeworks-short.json';
import marks from './fixtures/marks.json';
import marksBatch from './fixtures/marks-batch.json';
import marksSparse from './fixtures/marks-sparse.json';
import mealsClient from './fixtures/meals-client.json';
import mealsClientTopLevel from './fixtures/meals-client-contract-top-level.json';
import mealsClients from './fixtures/meals-clients.json';
import profile from './fixtures/profile.json';
import profileWithoutGuid from './fixtures/profile-without-guid.json';
import visits from './fixtures/visits.json';
import visitsRussian from './fixtures/visits-russian-date.json';
import { moscowDateTime, toHomework, toMark, toMealDaysPage, toMealsAccount, toMeshRole, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
import {
  WireDayBalanceReply,
  WireEventsReply,
  WireHomeworkReply,
  type WireMark,
  WireMarksReply,
  type WireMealsClient,
  WireMealsClientsReply,
  WireProfileReply,
  type WireVisitDay,
  WireVisitsReply,
} from './wire';

const endpoint = 'GET /api/family/mobile/v1/marks';
const wireMarks = WireMarksReply.parse(marks).payload;
const STUDENT = '31000009360';

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
  it('maps the profile children to school, class, contract and contingent GUID, dropping names and SNILS', () => {
    const reply = WireProfileReply.parse(profile);
    const [child] = reply.children;
    const student = toStudentProfile(child!, toMeshRole(reply.profile.type), 'GET /profile');
    expect(student).toEqual({
      meshPersonId: String(child!.id),
      school: { id: String(child!.school.id), name: child!.school.name },
      className: child!.class_name,
      classUnitId: String(child!.class_unit_id),
      contractId: String(child!.contract_id),
      contingentGuid: profile.children[0]!.contingent_guid,
      viewerRole: 'parent',
    });
    expect(JSON.stringify(student)).not.toContain(profile.children[0]!.snils);
    expect(badResponse(() => toStudentProfile({ ...child!, contingent_guid: '31000009360' }, 'parent', 'GET /profile')).message).toContain('contingent_guid');
  });

  it("reads a child without a contingent GUID or a contract, ids as strings, for a student's own profile", () => {
    const reply = WireProfileReply.parse(profileWithoutGuid);
    expect(toStudentProfile(reply.children[0]!, toMeshRole(reply.profile.type), 'GET /profile')).toEqual({
      meshPersonId: STUDENT,
      school: { id: '101142', name: 'ГБОУ Школа № 1142' },
      className: '8-В',
      classUnitId: '612345',
      contractId: null,
      contingentGuid: null,
      viewerRole: 'student',
    });
  });

  it('keeps the mark as shown, files it under the student asked for, and takes the five-point value from the grades', () => {
    const five = wireMarks.find((m) => /^[2-5]$/.test(m.value))!;
    // The real answer does not name the student: the client says whom it asked about.
    expect(five.student_id).toBeUndefined();
    expect(toMark(five, STUDENT, endpoint)).toMatchObject({
      studentId: STUDENT,
      subject: five.subject_name,
      value: five.value,
      fivePointValue: Number(five.value),
      weight: five.weight,
      date: five.date,
      isExam: five.is_exam,
    });
    // A plain digit without grades still has its five-point value.
    expect(toMark({ ...five, values: null }, STUDENT, endpoint).fivePointValue).toBe(Number(five.value));
    // The (designed) batch form names each mark's student.
    expect(new Set(WireMarksReply.parse(marksBatch).payload.map((m) => String(m.student_id))).size).toBe(2);
  });

  it('gives a pass/fail mark a display value and no five-point value', () => {
    const passFail = wireMarks.find((m) => m.value === 'зачёт')!;
    expect(toMark(passFail, STUDENT, endpoint)).toMatchObject({ value: 'зачёт', fivePointValue: null });
  });

  it('reads marks whose optional fields are null or missing: a mark without a weight counts once', () => {
    const [sparse, graded] = WireMarksReply.parse(marksSparse).payload.map((m) => toMark(m, STUDENT, endpoint));
    expect(sparse).toEqual({
      id: '1046381281',
      studentId: STUDENT,
      subjectId: null,
      subject: 'Математика',
      value: '4',
      fivePointValue: 4,
      weight: 1,
      date: '2026-11-16',
      controlForm: null,
      isExam: false,
      comment: null,
    });
    expect(graded).toMatchObject({ id: '1046381282', subjectId: '33623580', fivePointValue: 5, weight: 2, isExam: true });
  });

  it.each([
    ['a five-point grade out of range', { values: [{ grade_system_type: 'five', grade: { five: 7, hundred: 100, origin: '7' } }] }, 'grade.five'],
    ['a date in the Russian form', { date: '16.11.2026' }, 'payload.date'],
    ['an empty value', { value: ' ' }, 'payload.value'],
  ])('refuses %s as LEGACY_BAD_RESPONSE naming the field', (_name, patch, field) => {
    const error = badResponse(() => toMark({ ...wireMarks[0]!, ...patch } as WireMark, STUDENT, endpoint));
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain('16.11.2026');
  });

  it("maps homework with its due and assignment days, its id the student's entry", () => {
    const wire = WireHomeworkReply.parse(homeworks).payload[0]!;
    expect(toHomework(wire, STUDENT, 'GET /homeworks/short')).toEqual({
      id: String(homeworks.payload[0]!.homework_entry_student_id),
      studentId: STUDENT,
      subject: wire.subject_name,
      description: wire.description,
      dueDate: wire.date,
      assignedOn: wire.date_assigned_on,
      isDone: wire.is_done,
    });
  });

  it('reads homework named by its entry id, or by nothing, and without is_done', () => {
    const [byEntry, bare] = WireHomeworkReply.parse(homeworksEntryId).payload.map((h) => toHomework(h, STUDENT, 'GET /homeworks/short'));
    expect(byEntry).toEqual({ id: '1758629256', studentId: STUDENT, subject: 'Математика', description: 'Стр. 41, № 3, 15', dueDate: '2026-11-19', assignedOn: null, isDone: false });
    expect(bare).toMatchObject({ id: null, subject: 'Литература', dueDate: '2026-11-20', isDone: false });
  });

  it('turns visit days and HH:MM passes into dates and Moscow instants', () => {
    const reply = WireVisitsReply.parse(visits);
    const day = reply.payload[0]!;
    const [visit] = toVisits(day, STUDENT, 'GET /visits');
    expect(visit).toMatchObject({
      studentId: STUDENT,
      date: day.date,
      enteredAt: `${day.date}T${day.visits[0]!.in}:00+03:00`,
      leftAt: `${day.date}T${day.visits[0]!.out}:00+03:00`,
      isWarning: day.visits[0]!.is_warning,
    });
    expect(visit!.durationMinutes).toBe((Date.parse(visit!.leftAt!) - Date.parse(visit!.enteredAt)) / 60_000);
    // No exit tapped: no leaving time, no duration.
    const noExit: WireVisitDay = { ...day, visits: [{ ...day.visits[0]!, out: null }] };
    expect(toVisits(noExit, STUDENT, 'GET /visits')[0]).toMatchObject({ leftAt: null, durationMinutes: null });
    expect(badResponse(() => toVisits({ ...day, date: '2026/11/20' }, STUDENT, 'GET /visits')).message).toContain('payload.date');
    expect(badResponse(() => toVisits({ ...day, visits: [{ ...day.visits[0]!, in: '8:1' }] }, STUDENT, 'GET /visits')).message).toContain('visits.in');
  });

  it('reads a visit day in the older DD.MM.YYYY form, with no warning flag and no paging counts', () => {
    const reply = WireVisitsReply.parse(visitsRussian);
    expect(reply.total_count).toBeUndefined();
    expect(toVisits(reply.payload[0]!, STUDENT, 'GET /visits')).toEqual([
      { studentId: STUDENT, date: '2026-11-20', enteredAt: '2026-11-20T08:09:00+03:00', leftAt: null, durationMinutes: null, address: 'г. Москва, ул. Новаторов, д. 56', isWarning: false },
    ]);
  });

  it('reads schedule times without an offset as Moscow time, filed under the student asked about', () => {
    const wire = WireEventsReply.parse(events).response[0]!;
    expect(wire.person_id).toBeUndefined();
    const lesson = toScheduleEvent(wire, STUDENT, 'GET /events');
    expect(lesson.startsAt).toBe(`${wire.start_at}+03:00`);
    expect(lesson).toMatchObject({ studentId: STUDENT, subject: wire.subject_name, room: wire.room_number, isMissed: false });
    expect(moscowDateTime('2026-11-20T05:30:00Z', 'start_at', 'GET /events')).toBe('2026-11-20T08:30:00+03:00');
    expect(moscowDateTime('2026-11-20T08:30', 'start_at', 'GET /events')).toBe('2026-11-20T08:30:00+03:00');
    expect(badResponse(() => toScheduleEvent({ ...wire, start_at: '20.11.2026 08:30' }, STUDENT, 'GET /events')).message).toContain('start_at');
    // The (designed) batch form names each lesson's child by contingent GUID.
    expect(WireEventsReply.parse(eventsBatch).response.every((e) => /^[0-9a-f-]{36}$/.test(e.person_id ?? ''))).toBe(true);
  });

  it("reads the meals account's contract from clientId.contractId, or from a top-level contractId", () => {
    const single = WireMealsClientsReply.parse(mealsClient) as WireMealsClient;
    expect(toMealsAccount(single, 'GET /clients')).toEqual({
      contractId: String(mealsClient.clientId.contractId),
      balanceKopecks: mealsClient.balance,
      preorderAllowed: mealsClient.preorderAllowed,
    });
    const batch = WireMealsClientsReply.parse(mealsClients) as WireMealsClient[];
    expect(batch.map((c) => toMealsAccount(c, 'GET /clients').contractId)).toEqual(mealsClients.map((c) => String(c.clientId.contractId)));
    const topLevel = WireMealsClientsReply.parse(mealsClientTopLevel) as WireMealsClient;
    expect(toMealsAccount(topLevel, 'GET /clients')).toEqual({ contractId: '10000093607', balanceKopecks: 141955, preorderAllowed: false });
    expect(badResponse(() => toMealsAccount({ balance: 1 }, 'GET /clients')).message).toContain('contractId');
  });

  it('maps meal days with kopecks, Moscow transaction times, and titles from what was bought', () => {
    const wire = WireDayBalanceReply.parse(dayBalance);
    const page = toMealDaysPage(wire, 'GET /day_balance_info');
    expect(page.balanceKopecks).toBe(wire.balance);
    expect(page.hasNextPage).toBe(wire.hasNextPage);
    const day = wire.days[0]!;
    expect(page.days[0]).toMatchObject({ date: day.date, expenseKopecks: day.expense });
    expect(page.days[0]!.transactions[0]).toEqual({
      at: `${day.date}T${day.transactions[0]!.time}:00+03:00`,
      amountKopecks: day.transactions[0]!.amount,
      kind: 'PURCHASE',
      title: dayBalance.days[0]!.transactions[0]!.items[0]!.title,
    });
    expect(page.days.flatMap((d) => d.transactions).find((t) => t.kind === 'REFILL')).toMatchObject({ title: 'Пополнение счёта' });
    const strange = { ...wire, days: [{ ...day, transactions: [{ ...day.transactions[0]!, type: 'gift' }] }] };
    expect(badResponse(() => toMealDaysPage(strange, 'GET /day_balance_info')).message).toContain('transactions.type');
  });

  it('reads transactions whose items are null, or several, with counts', () => {
    const [refill, purchase] = toMealDaysPage(WireDayBalanceReply.parse(dayBalanceVariants), 'GET /day_balance_info').days[0]!.transactions;
    expect(refill).toEqual({ at: '2026-11-20T07:30:00+03:00', amountKopecks: 20000, kind: 'REFILL', title: 'Пополнение счёта' });
    expect(purchase).toEqual({ at: '2026-11-20T13:15:00+03:00', amountKopecks: 15800, kind: 'PURCHASE', title: 'Булочка × 2, Сок' });
  });
});
