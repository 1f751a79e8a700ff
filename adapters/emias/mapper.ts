import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import type { Appointment, Doctor, MedicalDocument, MedicalDocumentContent, MedicalDocumentKind, Referral, Slot, Speciality } from './port';
import type { WireCardDocument, WireDoctor, WireDocumentContent, WireReception, WireReferral, WireSchedule, WireSpeciality } from './wire';

const SYSTEM = 'emias';

/**
 * EMIAS → domain. Times become ISO-8601 on the Moscow offset (a time without a zone is Moscow
 * wall-clock time, as the systems mean it), ids become strings. A value that is not what the
 * protocol promises fails as LEGACY_BAD_RESPONSE naming the field, never quoting it.
 */
function bad(endpoint: string, reason: string): never {
  throw new LegacyBadResponseError(SYSTEM, endpoint, reason);
}

/** `2026-11-23T08:00:00+03:00` from any ISO spelling EMIAS uses. */
export function toMoscowIso(value: string, field: string, endpoint: string): string {
  return toMoscowInstant(value) ?? bad(endpoint, `${field} is not a real ISO-8601 instant`);
}

function id(value: number | string, field: string, endpoint: string): string {
  const text = String(value);
  return /^\d{1,18}$/.test(text) ? text : bad(endpoint, `${field} is not a numeric id`);
}

export function toSpeciality(wire: WireSpeciality, endpoint: string): Speciality {
  return {
    id: id(wire.code, 'speciality.code', endpoint),
    name: wire.name,
    forMale: wire.male,
    forFemale: wire.female,
    therapeutic: wire.therapeutic,
  };
}

export function toDoctor(wire: WireDoctor, endpoint: string): Doctor {
  return {
    id: id(wire.id, 'doctor.id', endpoint),
    name: wire.name,
    specialityId: id(wire.arSpecialityId, 'doctor.arSpecialityId', endpoint),
    specialityName: wire.arSpecialityName,
    clinicId: id(wire.lpuId, 'doctor.lpuId', endpoint),
    rooms: wire.complexResource.map((c) => ({
      complexResourceId: id(c.id, 'doctor.complexResource.id', endpoint),
      name: c.name,
      roomNumber: c.room?.number ?? null,
      clinicShortName: c.room?.lpuShortName ?? null,
      address: c.room?.defaultAddress ?? null,
    })),
  };
}

/** All free slots of the schedule, flattened across days, soonest first. */
export function toSlots(wire: WireSchedule, endpoint: string): Slot[] {
  const slots: Slot[] = [];
  for (const day of wire.scheduleOfDay) {
    for (const group of day.scheduleBySlot) {
      for (const slot of group.slot) {
        const startTime = toMoscowIso(slot.startTime, 'slot.startTime', endpoint);
        const endTime = toMoscowIso(slot.endTime, 'slot.endTime', endpoint);
        if (Date.parse(endTime) <= Date.parse(startTime)) bad(endpoint, 'slot.endTime is not after slot.startTime');
        slots.push({ startTime, endTime });
      }
    }
  }
  return slots.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
}

/**
 * Whether an entry of the patient's list is a doctor's appointment. The list also holds visits for
 * procedures (`toLdp`, no `toDoctor`), which are not doctor appointments and are left out; an entry
 * that is neither is not what EMIAS promises.
 */
export function isDoctorAppointment(wire: WireReception, endpoint: string): boolean {
  if (wire.toDoctor) return true;
  if (wire.toLdp) return false;
  return bad(endpoint, 'appointment has neither toDoctor nor toLdp');
}

export function toAppointment(wire: WireReception, endpoint: string): Appointment {
  const toDoctor = wire.toDoctor ?? bad(endpoint, 'appointment.toDoctor is missing');
  return {
    id: id(wire.id, 'appointment.id', endpoint),
    startTime: toMoscowIso(wire.startTime, 'appointment.startTime', endpoint),
    specialityId: id(toDoctor.specialityId, 'appointment.toDoctor.specialityId', endpoint),
    specialityName: toDoctor.specialityName,
    clinicName: wire.nameLpu,
    clinicAddress: wire.lpuAddress ?? null,
    roomNumber: wire.roomNumber ?? null,
  };
}

/**
 * A referral, to a doctor or to a procedure. Its id is the twelve-digit `number` when EMIAS sends
 * one (beside its own numeric record id), else `id`, as older answers carry the number there.
 */
export function toReferral(wire: WireReferral, endpoint: string): Referral {
  const field = wire.number ? 'referral.number' : 'referral.id';
  const raw = wire.number ?? wire.id;
  const referralId = typeof raw === 'number' ? String(raw).padStart(12, '0') : raw;
  if (!/^\d{12}$/.test(referralId)) bad(endpoint, `${field} is not 12 digits`);
  const speciality = wire.toDoctor?.specialityId;
  const name = wire.toDoctor?.specialityName ?? wire.toLdp?.ldpTypeName ?? bad(endpoint, 'referral has neither toDoctor nor toLdp');
  return {
    id: referralId,
    specialityId: speciality === null || speciality === undefined ? null : id(speciality, 'referral.toDoctor.specialityId', endpoint),
    specialityName: name,
    validUntil: toMoscowIso(wire.endTime, 'referral.endTime', endpoint),
    clinicName: wire.lpuName ?? null,
  };
}

/** The card's path segment for each kind, spelling included. */
export const CARD_KIND_SEGMENT: Readonly<Record<MedicalDocumentKind, string>> = {
  INSPECTION: 'inspections',
  ANALYSIS: 'analyzes',
  RESEARCH: 'research',
  EPICRISIS: 'epicrisis',
};

export function toMedicalDocument(wire: WireCardDocument, kind: MedicalDocumentKind, endpoint: string): MedicalDocument {
  const documentId = String(wire.documentId);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(documentId)) bad(endpoint, 'document.documentId is not an id');
  const title = wire.title ?? wire.doctorSpecialization ?? bad(endpoint, 'document has neither title nor doctorSpecialization');
  const date = wire.date ?? wire.appointmentDate ?? wire.dischargeDate ?? bad(endpoint, 'document has no date, appointmentDate or dischargeDate');
  return {
    id: documentId,
    kind,
    title,
    date: toMoscowIso(date, 'document.date', endpoint),
    doctorName: wire.doctorName ?? null,
    organisation: wire.organisation ?? wire.muName ?? null,
  };
}

export function toDocumentContent(wire: WireDocumentContent, documentId: string, endpoint: string): MedicalDocumentContent {
  return { id: documentId, title: wire.title, date: toMoscowIso(wire.date, 'document.date', endpoint), html: wire.documentHtml };
}
