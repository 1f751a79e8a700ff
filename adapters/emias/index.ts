export { EmiasClient, type EmiasClientOptions } from './client';
export { EmiasTransientError, interpretRpcError } from './errors';
export { toMoscowIso } from './mapper';
export { EmiasSession, SessionRefusedError, type AdapterSession, type SessionCarriers } from './session';
export {
  MEDICAL_DOCUMENT_KINDS,
  type Appointment,
  type BookingRequest,
  type Doctor,
  type DoctorRoom,
  type EmiasPort,
  type MedicalDocument,
  type MedicalDocumentContent,
  type MedicalDocumentKind,
  type Patient,
  type Referral,
  type ScheduleRef,
  type Slot,
  type Speciality,
} from './port';
