import DataLoader from 'dataloader';
import {
  type Appointment,
  type Doctor,
  type EmiasPort,
  MEDICAL_DOCUMENT_KINDS,
  type MedicalDocument,
  type MedicalDocumentContent,
  type MedicalDocumentKind,
  type Patient,
  type Referral,
  type ScheduleRef,
  type Slot,
  type Speciality,
} from '../../adapters/emias';
import type { RegistryPort } from '../../adapters/registry';
import { graphqlError } from '../../platform/errors';
import { perKey } from '../kit';

/**
 * EMIAS has no batch call: a batch of keys becomes one call per key, at most this many at once,
 * so a family's dashboard does not hit the system with a burst it would answer with timeouts.
 */
export const EMIAS_PARALLEL_CALLS = 4;

/** Per-request loaders. Keys name the patient, because every EMIAS call does. */
export interface HealthLoaders {
  /** The signed-in resident's EMIAS keys, from the registry (root fields and mutations). */
  patient: DataLoader<string, Patient>;
  specialities: DataLoader<Patient, Speciality[], string>;
  doctors: DataLoader<{ patient: Patient; specialityId: string }, Doctor[], string>;
  schedule: DataLoader<{ patient: Patient; ref: ScheduleRef }, Slot[], string>;
  appointments: DataLoader<Patient, Appointment[], string>;
  referrals: DataLoader<Patient, Referral[], string>;
  documents: DataLoader<{ patient: Patient; kind: MedicalDocumentKind }, MedicalDocument[], string>;
  document: DataLoader<{ patient: Patient; documentId: string }, MedicalDocumentContent | null, string>;
}

export const patientKey = (p: Patient): string => `${p.omsNumber}|${p.birthDate}`;

export function createHealthLoaders(emias: EmiasPort, registry: RegistryPort): HealthLoaders {
  /** A loader of one EMIAS call per key, at most EMIAS_PARALLEL_CALLS of a batch at once. */
  const emiasLoader = <K, V>(fn: (key: K) => Promise<V>, cacheKeyFn: (key: K) => string) =>
    new DataLoader<K, V, string>((keys) => perKey(keys, fn, { concurrency: EMIAS_PARALLEL_CALLS }), { cacheKeyFn });

  const patient = new DataLoader<string, Patient>(async (personIds) => {
    const persons = await registry.getPersons(personIds);
    return personIds.map((id) => {
      const person = persons.get(id);
      if (!person) return graphqlError('NOT_FOUND', 'The registry has no such person.', { system: 'registry' });
      if (!person.omsNumber) return graphqlError('NOT_FOUND', 'The resident has no OMS policy on record.', { system: 'emias' });
      return { omsNumber: person.omsNumber, birthDate: person.birthDate };
    });
  });

  return {
    patient,
    specialities: emiasLoader((p: Patient) => emias.getSpecialities(p), patientKey),
    doctors: emiasLoader(
      (k: { patient: Patient; specialityId: string }) => emias.getDoctors(k.patient, k.specialityId),
      (k) => `${patientKey(k.patient)}|${k.specialityId}`,
    ),
    schedule: emiasLoader(
      (k: { patient: Patient; ref: ScheduleRef }) => emias.getSchedule(k.patient, k.ref),
      (k) => `${patientKey(k.patient)}|${k.ref.specialityId}|${k.ref.doctorId}|${k.ref.complexResourceId}`,
    ),
    appointments: emiasLoader((p: Patient) => emias.getAppointments(p), patientKey),
    referrals: emiasLoader((p: Patient) => emias.getReferrals(p), patientKey),
    documents: emiasLoader(
      (k: { patient: Patient; kind: MedicalDocumentKind }) => emias.listDocuments(k.patient, k.kind),
      (k) => `${patientKey(k.patient)}|${k.kind}`,
    ),
    document: emiasLoader(
      (k: { patient: Patient; documentId: string }) => emias.getDocument(k.patient, k.documentId),
      (k) => `${patientKey(k.patient)}|${k.documentId}`,
    ),
  };
}

/** Every kind of the card, merged newest first; any kind failing fails the list (a card missing a kind would mislead). */
export async function loadAllDocuments(loaders: HealthLoaders, patient: Patient): Promise<MedicalDocument[]> {
  const lists = await loaders.documents.loadMany(MEDICAL_DOCUMENT_KINDS.map((kind) => ({ patient, kind })));
  const merged: MedicalDocument[] = [];
  for (const list of lists) {
    if (list instanceof Error) throw list;
    merged.push(...list);
  }
  return merged.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.id.localeCompare(b.id));
}
