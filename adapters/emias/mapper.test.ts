import doctorsFixture from './fixtures/doctors.json';
import documentFixture from './fixtures/document.json';
import documentsFixture from './fixtures/documents-inspections.json';
import receptionsFixture from './fixtures/receptions.json';
import referralsFixture from './fixtures/referrals.json';
import scheduleFixture from './fixtures/schedule.json';
import specialitiesFixture from './fixtures/specialities.json';
import { toAppointment, toDoctor, toDocumentContent, toMedicalDocument, toMoscowIso, toReferral, toSlots, toSpeciality } from './mapper';
import { WireCardDocuments, WireDoctors, WireDocumentContent, WireReceptions, WireReferrals, WireSchedule, WireSpecialities, type WireReception, type WireReferral } from './wire';

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

  it('maps appointments and referrals', () => {
    const [first] = WireReceptions.parse(receptionsFixture.result);
    expect(toAppointment(first!, endpoint)).toEqual({
      id: String(first!.id),
      startTime: first!.startTime,
      specialityId: String(first!.toDoctor.specialityId),
      specialityName: first!.toDoctor.specialityName,
      clinicName: first!.nameLpu,
      clinicAddress: first!.lpuAddress,
      roomNumber: first!.roomNumber,
    });
    const referrals = WireReferrals.parse(referralsFixture.result).map((r) => toReferral(r, endpoint));
    expect(referrals).toHaveLength(2);
    for (const r of referrals) {
      expect(r.id).toMatch(/^\d{12}$/);
      expect(r.validUntil).toMatch(MOSCOW_ISO);
    }
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

  it('moves other offsets to Moscow time', () => {
    expect(toMoscowIso('2026-11-23T05:00:00Z', 'f', endpoint)).toBe('2026-11-23T08:00:00+03:00');
    expect(toMoscowIso('2026-11-23T08:00', 'f', endpoint)).toBe('2026-11-23T08:00:00+03:00');
  });

  it.each([
    ['a start time in the Russian form', () => toAppointment({ ...(receptionsFixture.result[0] as WireReception), startTime: '27.11.2026 10:20' }, endpoint), 'appointment.startTime', '27.11.2026'],
    ['an impossible date', () => toAppointment({ ...(receptionsFixture.result[0] as WireReception), startTime: '2026-02-30T10:00:00+03:00' }, endpoint), 'appointment.startTime', '2026-02-30'],
    ['a referral id of eleven digits', () => toReferral({ ...(referralsFixture.result[0] as WireReferral), id: '12345678901' }, endpoint), 'referral.id', '12345678901'],
  ])('refuses %s as LEGACY_BAD_RESPONSE naming the field, not the value', (_name, fn, field, value) => {
    const error = caught(fn);
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(value);
  });
});
