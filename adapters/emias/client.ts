import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type AdapterSession,
  type CacheHint,
  LegacyBadResponseError,
  LegacyNotFoundError,
  type LegacyReply,
  type LegacyTransport,
  parseWire,
  READ_MOSTLY_FRESH_MS,
  SessionRefusedError,
} from '../transport';
import { interpretRpcError } from './errors';
import { CARD_KIND_SEGMENT, isDoctorAppointment, toAppointment, toDoctor, toDocumentContent, toMedicalDocument, toReferral, toSlots, toSpeciality } from './mapper';
import type { Appointment, BookingRequest, Doctor, EmiasPort, MedicalDocument, MedicalDocumentContent, MedicalDocumentKind, Patient, Referral, ScheduleRef, Slot, Speciality } from './port';
import { emiasSession } from './session';
import {
  WireCancelled,
  WireCardDocuments,
  WireCardFault,
  WireDoctors,
  WireDocumentContent,
  WireReception,
  WireReceptions,
  WireReferrals,
  WireRpcEnvelope,
  WireSchedule,
  WireSpecialities,
} from './wire';

const SYSTEM = 'emias';
const RPC_PATH = '/api/emc/appointment-eip/v1/';
const CARD_LIST_ENDPOINT = 'GET /api/1/documents/:kind';
const CARD_DOCUMENT_ENDPOINT = 'GET /api/2/document';

/**
 * How long answers may stand in for EMIAS when it fails. The card's document lists change when a
 * visit is recorded, rarely within a quarter of an hour; the specialities a patient may book are
 * reference data, fresh for a minute and usable for an hour.
 */
const DOCUMENTS_STALE_MS = 15 * 60_000;
const SPECIALITIES_FRESH_MS = 60_000;
const SPECIALITIES_STALE_MS = 60 * 60_000;

/** JSON-RPC reads: POST on the wire, but safe to send twice, so the transport may retry them. */
const READ = { idempotent: true } as const;

export interface EmiasClientOptions {
  transport: LegacyTransport;
  /** The token EMIAS issued to the graph for the medical card, sent as `X-Access-JWT`. */
  serviceToken: string;
  /**
   * The session the appointment API's calls run in. Default: signed in as emias.info signs a
   * browser in (`session.ts`), over the same transport.
   */
  session?: AdapterSession;
}

/**
 * EMIAS over its two APIs: JSON-RPC 2.0 for appointments (the method as the bare query key, the
 * patient in every call's params, inside the signed-in session) and REST for the medical card
 * (`X-Access-JWT`). Both answer faults and refusals with HTTP 200 and an `error` body, which is
 * never taken for success.
 */
export class EmiasClient implements EmiasPort {
  private readonly transport: LegacyTransport;
  private readonly headers: Record<string, string>;
  private readonly session: AdapterSession;

  constructor(options: EmiasClientOptions) {
    if (options.transport.system !== SYSTEM) throw new Error(`EmiasClient needs a transport for "${SYSTEM}"`);
    this.transport = options.transport;
    this.headers = { 'x-access-jwt': options.serviceToken, accept: 'application/json' };
    this.session = options.session ?? emiasSession(options.transport);
  }

  /**
   * Signs in to the appointment API now, so the first resident's request does not wait for it
   * (or pay for it in legacy calls). Best effort: if EMIAS cannot be reached, the first call signs in.
   */
  async prime(): Promise<void> {
    await this.session.prime();
  }

  async getSpecialities(patient: Patient): Promise<Speciality[]> {
    const cache: CacheHint = { key: `specialities|${patient.omsNumber}|${patient.birthDate}`, freshMs: SPECIALITIES_FRESH_MS, staleMs: SPECIALITIES_STALE_MS };
    const { result, endpoint } = await this.rpc('getSpecialitiesInfo', patient, {}, WireSpecialities, { ...READ, cache });
    return result.map((s) => toSpeciality(s, endpoint));
  }

  async getDoctors(patient: Patient, specialityId: string): Promise<Doctor[]> {
    const params = { specialityId: numericId(specialityId, 'specialityId', 'getDoctorsInfo') };
    const { result, endpoint } = await this.rpc('getDoctorsInfo', patient, params, WireDoctors, READ);
    return result.map((d) => toDoctor(d, endpoint));
  }

  async getSchedule(patient: Patient, ref: ScheduleRef): Promise<Slot[]> {
    const method = 'getAvailableResourceScheduleInfo';
    const { result, endpoint } = await this.rpc(method, patient, scheduleParams(ref, method), WireSchedule, READ);
    return toSlots(result, endpoint);
  }

  async createAppointment(patient: Patient, booking: BookingRequest): Promise<Appointment> {
    const method = 'createAppointment';
    const params = { ...scheduleParams(booking, method), startTime: booking.startTime, endTime: booking.endTime };
    const { result, endpoint } = await this.rpc(method, patient, params, WireReception);
    return toAppointment(result, endpoint);
  }

  async shiftAppointment(patient: Patient, appointmentId: string, booking: BookingRequest): Promise<Appointment> {
    const method = 'shiftAppointment';
    const params = {
      ...scheduleParams(booking, method),
      startTime: booking.startTime,
      endTime: booking.endTime,
      appointmentId: numericId(appointmentId, 'appointmentId', method),
    };
    const { result, endpoint } = await this.rpc(method, patient, params, WireReception);
    return toAppointment(result, endpoint);
  }

  async cancelAppointment(patient: Patient, appointmentId: string): Promise<void> {
    const method = 'cancelAppointment';
    const { result, endpoint } = await this.rpc(method, patient, { appointmentId: numericId(appointmentId, 'appointmentId', method) }, WireCancelled);
    if (!result.success) throw new LegacyBadResponseError(SYSTEM, endpoint, 'cancelAppointment answered success: false without an error');
  }

  async getAppointments(patient: Patient): Promise<Appointment[]> {
    const { result, endpoint } = await this.rpc('getAppointmentReceptionsByPatient', patient, {}, WireReceptions, READ);
    return result
      .filter((a) => isDoctorAppointment(a, endpoint))
      .map((a) => toAppointment(a, endpoint))
      .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  }

  async getReferrals(patient: Patient): Promise<Referral[]> {
    const { result, endpoint } = await this.rpc('getReferralsInfo', patient, {}, WireReferrals, READ);
    return result.map((r) => toReferral(r, endpoint));
  }

  async listDocuments(patient: Patient, kind: MedicalDocumentKind): Promise<MedicalDocument[]> {
    const ehrId = ehrIdOf(patient);
    const documents = await this.transport.call(
      {
        method: 'GET',
        path: `/api/1/documents/${CARD_KIND_SEGMENT[kind]}`,
        endpoint: CARD_LIST_ENDPOINT,
        query: { ehrId },
        headers: this.headers,
        cache: { key: `documents|${kind}|${ehrId}`, freshMs: READ_MOSTLY_FRESH_MS, staleMs: DOCUMENTS_STALE_MS },
      },
      (reply) => {
        if (reply.status === 404) throw new LegacyNotFoundError(SYSTEM, CARD_LIST_ENDPOINT);
        return parseWire(WireCardDocuments, this.cardJson(reply, CARD_LIST_ENDPOINT), SYSTEM, CARD_LIST_ENDPOINT).documents;
      },
    );
    return documents.map((d) => toMedicalDocument(d, kind, CARD_LIST_ENDPOINT)).sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  }

  async getDocument(patient: Patient, documentId: string): Promise<MedicalDocumentContent | null> {
    const body = await this.transport.call(
      {
        method: 'GET',
        path: '/api/2/document',
        endpoint: CARD_DOCUMENT_ENDPOINT,
        query: { ehrId: ehrIdOf(patient), documentId },
        headers: this.headers,
      },
      (reply) => (reply.status === 404 ? null : parseWire(WireDocumentContent, this.cardJson(reply, CARD_DOCUMENT_ENDPOINT), SYSTEM, CARD_DOCUMENT_ENDPOINT)),
    );
    return body === null ? null : toDocumentContent(body, documentId, CARD_DOCUMENT_ENDPOINT);
  }

  /**
   * One JSON-RPC call in the session: the envelope checked, an `error` member thrown as what it
   * means, the result parsed — inside the transport's policies, so EMIAS's own faults in an HTTP
   * 200 are retried and counted like a 503. A 401 ends the session: the session signs in again
   * and the call is sent once more. `read` marks the reads (retried) and may give a cache hint.
   */
  private async rpc<S extends z.ZodType>(
    method: string,
    patient: Patient,
    params: Record<string, unknown>,
    schema: S,
    read: { idempotent: true; cache?: CacheHint } | undefined = undefined,
  ): Promise<{ result: z.output<S>; endpoint: string }> {
    const endpoint = `POST ${RPC_PATH}?${method}`;
    const body = { omsNumber: patient.omsNumber, birthDate: patient.birthDate, ...params };
    const result = await this.session.run((carriers) => {
      const id = randomUUID();
      return this.transport.call(
        {
          method: 'POST',
          // The method is a bare query key (`?getDoctorsInfo`), which a query object cannot spell.
          path: `${RPC_PATH}?${method}`,
          endpoint,
          headers: { ...carriers, accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id, method, params: body }),
          ...read,
        },
        (reply) => {
          if (reply.status === 401) throw new SessionRefusedError(SYSTEM, endpoint);
          if (reply.status === 403) throw new LegacyBadResponseError(SYSTEM, endpoint, 'EMIAS refused our session');
          if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
          const envelope = parseWire(WireRpcEnvelope, this.transport.parseJson(reply, endpoint), SYSTEM, endpoint);
          if (envelope.error) throw interpretRpcError(envelope.error, endpoint);
          if (envelope.result === undefined) throw new LegacyBadResponseError(SYSTEM, endpoint, 'neither result nor error');
          // A cached answer was checked against its own request's id when it was fetched.
          if (reply.cachedAt === undefined && envelope.id !== id) throw new LegacyBadResponseError(SYSTEM, endpoint, 'the answer is for another request id');
          return parseWire(schema, envelope.result, SYSTEM, endpoint);
        },
      );
    });
    return { result, endpoint };
  }

  /** The card's JSON, unless it is the bare `{ error }` EMIAS answers a fault with. */
  private cardJson(reply: LegacyReply, endpoint: string): unknown {
    if (reply.status === 401 || reply.status === 403) throw new LegacyBadResponseError(SYSTEM, endpoint, 'EMIAS refused our card token');
    if (reply.status !== 200) throw new LegacyBadResponseError(SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
    const json = this.transport.parseJson(reply, endpoint);
    const fault = WireCardFault.safeParse(json);
    if (fault.success) throw interpretRpcError(fault.data.error, endpoint);
    return json;
  }
}

/**
 * The card's key. The real EMIAS derives `ehrId` from the patient; the simulator uses the OMS
 * number itself *(designed)*, so this is the one place to change for the real derivation.
 */
function ehrIdOf(patient: Patient): string {
  return patient.omsNumber;
}

/** EMIAS ids are JSON numbers; a non-numeric id is a caller bug, refused before any call. */
function numericId(value: string, field: string, method: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new TypeError(`EmiasClient.${method}: ${field} must be a numeric id`);
  return Number(value);
}

function scheduleParams(ref: ScheduleRef, method: string): Record<string, number> {
  return {
    availableResourceId: numericId(ref.doctorId, 'doctorId', method),
    complexResourceId: numericId(ref.complexResourceId, 'complexResourceId', method),
    specialityId: numericId(ref.specialityId, 'specialityId', method),
  };
}
