import type { AuditPolicy } from '../kit';

/**
 * What the health subgraph answers that is medical data, field by field. Every read of medical
 * data is written to the audit trail, whoever reads it: the person, a representative, staff. A
 * field added to the contract must be placed here (a test fails until it is).
 *
 * | field                       | medical | why |
 * |-----------------------------|---------|-----|
 * | Resident.appointments       | yes     | which doctors the person sees, where and when |
 * | Resident.referrals          | yes     | what a doctor sent the person on to: a diagnosis in outline |
 * | Resident.medicalCard        | yes     | the card: the list of documents and each document's content |
 * | Resident.medicalAccessLog   | no      | who read the data, not the data; recording it would log every look at the log |
 * | Query.specialities          | yes     | EMIAS lists them for this patient: which need a referral follows from their referrals |
 * | Query.availableSlots        | yes     | the patient's own clinic, and the speciality they are looking for |
 * | Mutation.bookAppointment    | yes     | the appointment made, as the answer shows it |
 * | Mutation.cancelAppointment  | yes     | an appointment the person had |
 */
export const MEDICAL_DATA = {
  'Resident.appointments': true,
  'Resident.referrals': true,
  'Resident.medicalCard': true,
  'Resident.medicalAccessLog': false,
  'Query.specialities': true,
  'Query.availableSlots': true,
  'Mutation.bookAppointment': true,
  'Mutation.cancelAppointment': true,
} as const satisfies Record<string, boolean>;

const fieldsWhere = (type: string, medical: boolean): string[] =>
  Object.entries(MEDICAL_DATA)
    .filter(([coordinate, isMedical]) => coordinate.startsWith(`${type}.`) && isMedical === medical)
    .map(([coordinate]) => coordinate.slice(type.length + 1));

/** The audit policy the table makes: every read of medical data, by anyone; the document id with a document. */
export const HEALTH_AUDIT_POLICY: AuditPolicy = {
  everyRead: true,
  exemptFields: fieldsWhere('Resident', false),
  residentRootFields: [...fieldsWhere('Query', true), ...fieldsWhere('Mutation', true)],
  // Which document was opened, not only that one was.
  identifyingArguments: { 'MedicalCard.document': ['id'] },
};
