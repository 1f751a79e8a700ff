export { EmiasClient, type EmiasClientOptions } from './client';
export { EmiasTransientError, interpretRpcError } from './errors';
export { toMoscowIso } from './mapper';
export {
  MEDICAL_DOCUMENT_KINDS,
  type Appointment,
  type BookingRequest,
  type CallOptions,
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
