export { EmiasClient, type EmiasClientOptions } from './client';
export { EmiasTransientError, interpretRpcError } from './errors';
export { toMoscowIso } from './mapper';
export {
  type Appointment,
  type BookingRequest,
  type Doctor,
  type DoctorRoom,
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
} from './port';
export { emiasSession } from './session';
