/**
 * EMIAS as the graph needs it: specialities, doctors and their free slots, the patient's
 * appointments and referrals, and the electronic medical card. Domain types only; the wire shapes
 * stay in `wire.ts`. Every EMIAS call names the patient, so every method takes one.
 */

/** How EMIAS knows a patient: the OMS policy number and the birth date, both required in every call. */
export interface Patient {
  /** 16 digits. */
  omsNumber: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
}

export interface Speciality {
  id: string;
  name: string;
  /** Whether men, and women, are seen by this speciality. */
  forMale: boolean;
  forFemale: boolean;
  therapeutic: boolean;
}

/** A room where a doctor receives: EMIAS's "complex resource". */
export interface DoctorRoom {
  complexResourceId: string;
  name: string;
  roomNumber: string | null;
  clinicShortName: string | null;
  address: string | null;
}

export interface Doctor {
  /** EMIAS's `availableResourceId`. */
  id: string;
  name: string;
  specialityId: string;
  specialityName: string;
  clinicId: string;
  rooms: DoctorRoom[];
}

/** What EMIAS needs to find one doctor's schedule in one room. */
export interface ScheduleRef {
  doctorId: string;
  complexResourceId: string;
  specialityId: string;
}

export interface Slot {
  /** ISO-8601 with the Moscow offset. */
  startTime: string;
  endTime: string;
}

/** A slot the patient asks for. */
export interface BookingRequest extends ScheduleRef, Slot {}

export interface Appointment {
  id: string;
  /** ISO-8601 with the Moscow offset. */
  startTime: string;
  specialityId: string;
  specialityName: string;
  clinicName: string;
  clinicAddress: string | null;
  roomNumber: string | null;
}

export interface Referral {
  /** 12 digits. */
  id: string;
  specialityId: string | null;
  specialityName: string;
  /** The last instant it can be used, ISO-8601 with offset. */
  validUntil: string;
  clinicName: string | null;
}

export const MEDICAL_DOCUMENT_KINDS = ['INSPECTION', 'ANALYSIS', 'RESEARCH', 'EPICRISIS'] as const;
export type MedicalDocumentKind = (typeof MEDICAL_DOCUMENT_KINDS)[number];

/**
 * A document of the medical card as listed. Titles and contents are health data: they may be
 * returned to the patient but never logged.
 */
export interface MedicalDocument {
  id: string;
  kind: MedicalDocumentKind;
  title: string;
  /** ISO-8601 with the Moscow offset. */
  date: string;
  doctorName: string | null;
  organisation: string | null;
}

export interface MedicalDocumentContent {
  id: string;
  title: string;
  date: string;
  /** The document as EMIAS renders it, HTML. */
  html: string;
}

/**
 * The port the health subgraph depends on. EMIAS has no batch calls: each method is one patient.
 * Domain arguments only: the request id and the deadline reach the transport through the request scope.
 */
export interface EmiasPort {
  getSpecialities(patient: Patient): Promise<Speciality[]>;
  getDoctors(patient: Patient, specialityId: string): Promise<Doctor[]>;
  /** Free slots of one doctor's room, soonest first. */
  getSchedule(patient: Patient, ref: ScheduleRef): Promise<Slot[]>;
  /** Books a slot; a taken one fails with SLOT_TAKEN, a forbidden speciality with SPECIALITY_NOT_ALLOWED. */
  createAppointment(patient: Patient, booking: BookingRequest): Promise<Appointment>;
  /** Moves an appointment to another slot, keeping its id. */
  shiftAppointment(patient: Patient, appointmentId: string, booking: BookingRequest): Promise<Appointment>;
  /** Fails with APPOINTMENT_NOT_FOUND when there is no such future appointment of the patient. */
  cancelAppointment(patient: Patient, appointmentId: string): Promise<void>;
  /** The patient's future appointments, soonest first. */
  getAppointments(patient: Patient): Promise<Appointment[]>;
  getReferrals(patient: Patient): Promise<Referral[]>;
  /** The card's documents of one kind, newest first. */
  listDocuments(patient: Patient, kind: MedicalDocumentKind): Promise<MedicalDocument[]>;
  /** One document's content; null when the card has no such document. */
  getDocument(patient: Patient, documentId: string): Promise<MedicalDocumentContent | null>;
}
