import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import doctorsFixture from './fixtures/doctors.json';
import doctorsWithoutRoomFixture from './fixtures/doctors-without-room.json';
import documentFixture from './fixtures/document.json';
import epicrisisFixture from './fixtures/documents-epicrisis.json';
import epicrisisDischargeFixture from './fixtures/documents-epicrisis-discharge-date.json';
import documentsFixture from './fixtures/documents-inspections.json';
import inspectionsAppointmentDateFixture from './fixtures/documents-inspections-appointment-date.json';
import researchFixture from './fixtures/documents-research.json';
import receptionsFixture from './fixtures/receptions.json';
import receptionsWithProcedureFixture from './fixtures/receptions-with-procedure.json';
import referralsFixture from './fixtures/referrals.json';
import referralsNumberInIdFixture from './fixtures/referrals-number-in-id.json';
import scheduleFixture from './fixtures/schedule.json';
import specialitiesFixture from './fixtures/specialities.json';
import specialitiesCodeNumberFixture from './fixtures/specialities-code-number.json';
import { isDoctorAppointment, toAppointment, toDoctor, toDocumentContent, toMedicalDocument, toMoscowIso, toReferral, toSlots, toSpeciality } from './mapper';
import { metaContent } from './session';
import { WireCardDocuments, WireDoctors, WireDocumentContent, type WireReception, WireReceptions, type WireReferral, WireReferrals, WireSchedule, WireSpecialities } from './wire';

const endpoint = 'POST /api/emc/appointment-eip/v1/?test';
const MOSCOW_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;

function caught(fn: () => unknown): Error & { code?: string; system?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('EMIAS mapper on recorded payloads', () => {
  it('maps specialities with ids as strings', () => {
    const wire = WireSpecialities.parse(specialitiesFixture.result);
    const mapped = wire.map((s) => toSpeciality(s, endpoint));
    expect(mapped).toContainEqual({ id: '2', name: 'Терапевт', forMale: true, forFemale: true, therapeutic: true });
    expect(mapped.find((s) => s.id === '15')).toMatchObject({ forMale: false, forFemale: true });
  });

  it('reads a speciality code sent as a number as well as one sent as a string', () => {
    const mapped = WireSpecialities.parse(specialitiesCodeNumberFixture.result).map((s) => toSpeciality(s, endpoint));
    expect(mapped.map((s) => s.id)).toEqual(['2', '200']);
  });

  it('maps doctors and their rooms', () => {
    const wire = WireDoctors.parse(doctorsFixture.result);
    const doctor = toDoctor(wire[0]!, endpoint);
    expect(doctor).toMatchObject({ id: String(wire[0]!.id), name: wire[0]!.name, specialityId: '2', specialityName: 'Терапевт', clinicId: String(wire[0]!.lpuId) });
    expect(doctor.rooms[0]).toEqual({
      complexResourceId: String(wire[0]!.complexResource[0]!.id),
      name: wire[0]!.complexResource[0]!.name,
      roomNumber: wire[0]!.complexResource[0]!.room!.number,
      clinicShortName: wire[0]!.complexResource[0]!.room!.lpuShortName,
      address: wire[0]!.complexResource[0]!.room!.defaultAddress,
    });
  });

  it('flattens the schedule into slots with the Moscow offset, soonest first', () => {
    const wire = WireSchedule.parse(scheduleFixture.result);
    const slots = toSlots(wire, endpoint);
    const count = wire.scheduleOfDay.reduce((n, d) => n + d.scheduleBySlot.reduce((m, s) => m + s.slot.length, 0), 0);
    expect(slots).toHaveLength(count);
    expect(slots[0]).toEqual(wire.scheduleOfDay[0]!.scheduleBySlot[0]!.slot[0]);
    for (const s of slots) expect(s.startTime).toMatch(MOSCOW_ISO);
    expect(slots.map((s) => Date.parse(s.startTime))).toEqual(slots.map((s) => Date.parse(s.startTime)).sort((a, b) => a - b));
  });

  it('reads a doctor whose room resources are not all rooms, and a main doctor without a patronymic', () => {
    const [doctor] = WireDoctors.parse(doctorsWithoutRoomFixture.result).map((d) => toDoctor(d, endpoint));
    expect(doctor).toMatchObject({ id: '546875385', specialityId: '2' });
    expect(doctor!.rooms).toEqual([
      { complexResourceId: '691099', name: 'Дежурный врач', roomNumber: null, clinicShortName: null, address: null },
      { complexResourceId: '691098', name: 'Кабинет 445', roomNumber: '445', clinicShortName: 'ГП № 102', address: 'г. Москва, ул. Островитянова, д. 35' },
    ]);
  });

  it('maps appointments and referrals', () => {
    const [first] = WireReceptions.parse(receptionsFixture.result);
    expect(toAppointment(first!, endpoint)).toEqual({
      id: String(first!.id),
      startTime: first!.startTime,
      specialityId: String(first!.toDoctor!.specialityId),
      specialityName: first!.toDoctor!.specialityName,
      clinicName: first!.nameLpu,
      clinicAddress: first!.lpuAddress,
      roomNumber: first!.roomNumber,
    });
    const referrals = WireReferrals.parse(referralsFixture.result).map((r) => toReferral(r, endpoint));
    expect(referrals).toHaveLength(3);
    for (const r of referrals) {
      expect(r.validUntil).toMatch(MOSCOW_ISO);
    }
    // The twelve-digit number, not EMIAS's numeric record id.
    expect(referrals.map((r) => r.id)).toEqual(referralsFixture.result.map((r) => r.number));
    // A referral to a procedure has no doctor: its name is the procedure's, with no speciality.
    expect(referrals[2]).toEqual({
      id: '115747362871',
      specialityId: null,
      specialityName: 'Общий анализ крови',
      validUntil: '2026-12-06T23:59:00+03:00',
      clinicName: referralsFixture.result[2]!.lpuName,
    });
  });

  it('reads referrals that carry their number as the id, as a string or a number, with or without a speciality', () => {
    const referrals = WireReferrals.parse(referralsNumberInIdFixture.result).map((r) => toReferral(r, endpoint));
    expect(referrals).toEqual([
      { id: '432465001150', specialityId: '23', specialityName: 'Невролог', validUntil: '2027-01-18T23:59:00+03:00', clinicName: 'ГБУЗ «Городская поликлиника № 102 ДЗМ»' },
      // A number loses its leading zero on the wire; the twelve digits are restored.
      { id: '048467504961', specialityId: null, specialityName: 'Невролог', validUntil: '2026-12-03T23:59:00+03:00', clinicName: null },
    ]);
  });

  it('leaves visits for procedures out of the doctor appointments, and reads ids sent as strings', () => {
    const wire = WireReceptions.parse(receptionsWithProcedureFixture.result);
    const doctors = wire.filter((a) => isDoctorAppointment(a, endpoint)).map((a) => toAppointment(a, endpoint));
    expect(doctors).toEqual([
      {
        id: '529043257',
        startTime: '2026-11-27T11:00:00+03:00',
        specialityId: '13',
        specialityName: 'Оториноларинголог (ЛОР)',
        clinicName: 'ГБУЗ «Городская поликлиника № 102 ДЗМ»',
        clinicAddress: 'г. Москва, ул. Островитянова, д. 35',
        roomNumber: '380',
      },
    ]);
    const neither = WireReceptions.parse([{ ...receptionsWithProcedureFixture.result[1], toLdp: undefined }]);
    expect(caught(() => isDoctorAppointment(neither[0]!, endpoint))).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });

  it('gives card dates, sent without a zone, the Moscow offset', () => {
    const [doc] = WireCardDocuments.parse(documentsFixture).documents;
    expect(doc!.date).not.toMatch(/\+03:00$/);
    const mapped = toMedicalDocument(doc!, 'INSPECTION', endpoint);
    expect(mapped).toEqual({ id: String(doc!.documentId), kind: 'INSPECTION', title: doc!.title, date: `${doc!.date}+03:00`, doctorName: doc!.doctorName, organisation: doc!.organisation });
    const content = toDocumentContent(WireDocumentContent.parse(documentFixture), mapped.id, endpoint);
    expect(content).toMatchObject({ id: mapped.id, title: documentFixture.title, date: `${documentFixture.date}+03:00` });
    expect(content.html).toContain('<html>');
  });

  it('reads each kind of document by its own fields', () => {
    const research = WireCardDocuments.parse(researchFixture).documents.map((d) => toMedicalDocument(d, 'RESEARCH', endpoint));
    expect(research[0]!.organisation).toBe(researchFixture.documents[0]!.muName);
    const epicrisis = WireCardDocuments.parse(epicrisisFixture).documents.map((d) => toMedicalDocument(d, 'EPICRISIS', endpoint));
    expect(epicrisis.map((d) => d.date)).toEqual(epicrisisFixture.documents.map((d) => d.dischargeDate));
  });

  it("reads an inspection dated only by appointmentDate and titled only by the doctor's speciality", () => {
    const docs = WireCardDocuments.parse(inspectionsAppointmentDateFixture).documents.map((d) => toMedicalDocument(d, 'INSPECTION', endpoint));
    expect(docs).toEqual([
      { id: '1892024227', kind: 'INSPECTION', title: 'Офтальмолог', date: '2025-10-22T08:30:00+03:00', doctorName: 'Орлов Д. И.', organisation: 'ГБУЗ «Городская поликлиника № 102 ДЗМ»' },
      { id: '1034030923', kind: 'INSPECTION', title: 'Профилактический осмотр', date: '2025-06-03T10:15:00+03:00', doctorName: null, organisation: null },
    ]);
  });

  it('reads an epicrisis dated only by dischargeDate, its offset written without a colon', () => {
    const [doc] = WireCardDocuments.parse(epicrisisDischargeFixture).documents.map((d) => toMedicalDocument(d, 'EPICRISIS', endpoint));
    expect(doc).toMatchObject({ title: 'Выписной эпикриз', date: '2026-07-16T19:15:00+03:00', organisation: 'ГКБ № 1 им. Н. И. Пирогова' });
    const undated = WireCardDocuments.parse({ documents: [{ documentId: '1', title: 'Эпикриз' }] }).documents[0]!;
    expect(caught(() => toMedicalDocument(undated, 'EPICRISIS', endpoint)).message).toContain('no date');
  });

  it("finds the start page's CSRF token whatever the meta tag's attribute order and quotes", () => {
    const page = readFileSync(join(__dirname, 'fixtures', 'start-page.html'), 'utf8');
    expect(metaContent(page, 'csrf-token-name')).toBe('csrftoken');
    expect(metaContent(page, 'csrf-token-value')).toBe('4f2a9c1e.b7d0');
    expect(metaContent(page, 'csrf-token')).toBeUndefined();
    expect(metaContent('<meta name=csrf-token-value content=abc>', 'csrf-token-value')).toBe('abc');
  });

  it('moves other offsets to Moscow time', () => {
    expect(toMoscowIso('2026-11-23T05:00:00Z', 'f', endpoint)).toBe('2026-11-23T08:00:00+03:00');
    expect(toMoscowIso('2026-11-23T08:00', 'f', endpoint)).toBe('2026-11-23T08:00:00+03:00');
  });

  it.each([
    [
      'a start time in the Russian form',
      () => toAppointment({ ...(receptionsFixture.result[0] as WireReception), startTime: '27.11.2026 10:20' }, endpoint),
      'appointment.startTime',
      '27.11.2026',
    ],
    [
      'an impossible date',
      () => toAppointment({ ...(receptionsFixture.result[0] as WireReception), startTime: '2026-02-30T10:00:00+03:00' }, endpoint),
      'appointment.startTime',
      '2026-02-30',
    ],
    ['a referral number of eleven digits', () => toReferral({ ...(referralsFixture.result[0] as WireReferral), number: '12345678901' }, endpoint), 'referral.number', '12345678901'],
    ['a referral id of eleven digits', () => toReferral({ ...(referralsNumberInIdFixture.result[0] as WireReferral), id: '12345678901' }, endpoint), 'referral.id', '12345678901'],
  ])('refuses %s as LEGACY_BAD_RESPONSE naming the field, not the value', (_name, fn, field, value) => {
    const error = caught(fn);
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(value);
  });
});
