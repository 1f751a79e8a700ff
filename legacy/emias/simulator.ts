import { SimHttpError, moscowIso, type SimRequest, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { decodeOms, type Person } from '../population';
import { AppointmentBook, type Appointment } from './appointment-book';
import { SPECIALITIES, doctorsFor, servesSex, specialityByCode, type Doctor, type Speciality } from './catalogue';
import { RpcError, rpcError, rpcResult, type RpcId } from './json-rpc';
import { DOCUMENT_KINDS, documentHtml, documentsOf, findDocument, type DocumentKind } from './medical-card';
import { referralsOf } from './referrals';
import { isBookableSlot, receptionDays, slotsOfDay } from './schedule';

const RPC_PATH = '/api/emc/appointment-eip/v1/';

type Params = Record<string, unknown>;
type Method = (patient: Person, params: Params, now: Date) => unknown;

/**
 * EMIAS: doctor appointments over JSON-RPC 2.0 (`POST /api/emc/appointment-eip/v1/?{method}`) and
 * the electronic medical card over REST, both behind the `X-Access-JWT` header. The patient is
 * named in every appointment call by OMS number and birth date; refusals are HTTP 200 with a
 * JSON-RPC `error`, and the system's own faults come the same way ("Read timed out") or as a
 * plain-text 5xx.
 */
export function createEmiasSimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const seed = population.seed;
  const book = new AppointmentBook(seed);

  const authorize = (req: SimRequest): void => {
    if (req.headers['x-access-jwt'] !== serviceToken) throw new SimHttpError(401, { text: 'Unauthorized' });
  };

  const doctorOf = (patient: Person, params: Params): { speciality: Speciality; doctor: Doctor } => {
    const speciality = specialityByCode(intParam(params, 'specialityId'));
    if (!speciality) throw new RpcError('SPECIALITY_NOT_FOUND');
    const resourceId = intParam(params, 'availableResourceId');
    const complexId = intParam(params, 'complexResourceId');
    const doctor = doctorsFor(seed, patient.registration.districtCode, speciality).find(
      (d) => d.id === resourceId && d.complexResource.id === complexId,
    );
    if (!doctor) throw new RpcError('RESOURCE_NOT_FOUND');
    return { speciality, doctor };
  };

  /** A slot the patient may take: allowed speciality, a real free slot of that doctor. */
  const bookableSlot = (patient: Person, params: Params, now: Date): { doctor: Doctor; start: Date; end: Date } => {
    const { speciality, doctor } = doctorOf(patient, params);
    const referred = referralsOf(seed, patient, now).some((r) => r.speciality.code === speciality.code && r.end.getTime() > now.getTime());
    if (!servesSex(speciality, patient.sex) || (speciality.needsReferral && !referred)) throw new RpcError('SPECIALITY_NOT_AVAILABLE');
    const start = instantParam(params, 'startTime');
    const end = instantParam(params, 'endTime');
    if (!isBookableSlot(now, start, end)) throw new RpcError('SLOT_UNAVAILABLE');
    if (book.isOccupied(doctor.id, start)) throw new RpcError('SLOT_BUSY');
    return { doctor, start, end };
  };

  const methods: Record<string, Method> = {
    getSpecialitiesInfo: () =>
      SPECIALITIES.map((s) => ({ code: s.code, name: s.name, male: s.male, female: s.female, therapeutic: s.therapeutic })),

    getDoctorsInfo: (patient, params) => {
      const speciality = specialityByCode(intParam(params, 'specialityId'));
      if (!speciality) throw new RpcError('SPECIALITY_NOT_FOUND');
      return doctorsFor(seed, patient.registration.districtCode, speciality).map(doctorPayload);
    },

    getAvailableResourceScheduleInfo: (patient, params, now) => {
      const { doctor } = doctorOf(patient, params);
      const scheduleOfDay = receptionDays(now)
        .map((date) => ({
          date,
          slots: slotsOfDay(date).filter((s) => s.start.getTime() > now.getTime() && !book.isOccupied(doctor.id, s.start)),
        }))
        .filter((day) => day.slots.length > 0)
        .map((day) => ({
          date: day.date,
          scheduleBySlot: [{ slot: day.slots.map((s) => ({ startTime: moscowIso(s.start), endTime: moscowIso(s.end) })) }],
        }));
      return { scheduleOfDay };
    },

    // The result is the new appointment as the patient's list shows it *(designed: the shape of
    // createAppointment's result is not public)*.
    createAppointment: (patient, params, now) => {
      const { doctor, start, end } = bookableSlot(patient, params, now);
      return receptionPayload(book.book(patient, doctor, start, end));
    },

    shiftAppointment: (patient, params, now) => {
      const existing = book.find(patient, now, intParam(params, 'appointmentId'));
      if (!existing) throw new RpcError('APPOINTMENT_NOT_FOUND');
      const { doctor, start, end } = bookableSlot(patient, params, now);
      return receptionPayload(book.shift(existing, doctor, start, end));
    },

    cancelAppointment: (patient, params, now) => {
      const existing = book.find(patient, now, intParam(params, 'appointmentId'));
      if (!existing) throw new RpcError('APPOINTMENT_NOT_FOUND');
      book.cancel(existing);
      return { success: true };
    },

    getAppointmentReceptionsByPatient: (patient, _params, now) => book.upcoming(patient, now).map(receptionPayload),

    getReferralsInfo: (patient, _params, now) =>
      referralsOf(seed, patient, now).map((r) => ({
        id: r.id,
        toDoctor: { specialityId: r.speciality.code, specialityName: r.speciality.name },
        endTime: moscowIso(r.end),
        lpuName: r.clinic.name,
      })),
  };

  /** The patient named by OMS number and birth date; both must match. */
  const patientOf = (params: Params): Person => {
    const oms = params.omsNumber;
    const birthDate = params.birthDate;
    if (typeof oms !== 'string' || typeof birthDate !== 'string') throw new RpcError('INVALID_PARAMS');
    const personId = decodeOms(seed, oms);
    const person = personId === undefined ? undefined : population.person(personId);
    if (!person || person.birthDate !== birthDate) throw new RpcError('PATIENT_NOT_FOUND');
    return person;
  };

  const rpc = (req: SimRequest): SimResponse => {
    authorize(req);
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return { json: rpcError(null, 'PARSE_ERROR') };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { json: rpcError(null, 'INVALID_REQUEST') };
    const envelope = body as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
    const id: RpcId = typeof envelope.id === 'string' || typeof envelope.id === 'number' ? envelope.id : null;
    if (envelope.jsonrpc !== '2.0' || typeof envelope.method !== 'string' || methodOf(req) !== envelope.method) {
      return { json: rpcError(id, 'INVALID_REQUEST') };
    }
    const method = methods[envelope.method];
    if (!method) return { json: rpcError(id, 'METHOD_NOT_FOUND') };
    const params = envelope.params;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return { json: rpcError(id, 'INVALID_PARAMS') };
    try {
      return { json: rpcResult(id, method(patientOf(params as Params), params as Params, req.now)) };
    } catch (error) {
      if (error instanceof RpcError) return { json: rpcError(id, error.kind) };
      throw error;
    }
  };

  /** The card is keyed by `ehrId`; in this simulator it is the OMS number *(designed)*. */
  const cardOwner = (req: SimRequest): Person => {
    const personId = decodeOms(seed, req.query.get('ehrId') ?? '');
    const person = personId === undefined ? undefined : population.person(personId);
    if (!person) throw new SimHttpError(404, { json: { message: 'EHR not found' } });
    return person;
  };

  return {
    system: 'emias',
    routes: [
      {
        method: 'POST',
        path: RPC_PATH,
        name: (req) => `POST ${RPC_PATH}?${methodOf(req) ?? ''}`,
        handle: rpc,
      },
      {
        method: 'GET',
        path: '/api/1/documents/:kind',
        handle(req) {
          authorize(req);
          const kind = req.params.kind as DocumentKind;
          if (!DOCUMENT_KINDS.includes(kind)) throw new SimHttpError(404, { json: { message: 'Not found' } });
          const docs = documentsOf(seed, cardOwner(req), kind, req.now);
          return {
            json: { documents: docs.map((d) => ({ documentId: d.documentId, title: d.title, date: d.date, doctorName: d.doctorName, organisation: d.organisation })) },
          };
        },
      },
      {
        method: 'GET',
        path: '/api/2/document',
        handle(req) {
          authorize(req);
          const doc = findDocument(seed, cardOwner(req), req.query.get('documentId') ?? '', req.now);
          if (!doc) throw new SimHttpError(404, { json: { message: 'Document not found' } });
          return { json: { title: doc.title, documentHtml: documentHtml(doc), date: doc.date } };
        },
      },
    ],
    failure(status, endpoint) {
      if (status !== 200) return { status, text: status >= 500 ? 'Service Temporarily Unavailable' : 'Error' };
      const error = { code: -32000, message: 'Read timed out', data: { code: 'TIMEOUT' } };
      // The appointment API wraps it in the JSON-RPC envelope; the card service sends it bare.
      return { status: 200, json: endpoint.startsWith(`POST ${RPC_PATH}`) ? { jsonrpc: '2.0', id: null, error } : { error } };
    },
  };
}

/** The method is the bare query key: `?getDoctorsInfo`. */
function methodOf(req: SimRequest): string | undefined {
  return [...req.query.keys()][0];
}

function intParam(params: Params, name: string): number {
  const value = params[name];
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new RpcError('INVALID_PARAMS');
  return n;
}

function instantParam(params: Params, name: string): Date {
  const value = params[name];
  const instant = typeof value === 'string' && /T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) throw new RpcError('INVALID_PARAMS');
  return instant;
}

function doctorPayload(d: Doctor): Record<string, unknown> {
  return {
    id: d.id,
    lpuId: d.clinic.lpuId,
    name: `${d.lastName} ${d.firstName} ${d.secondName}`,
    arSpecialityId: d.speciality.code,
    arSpecialityName: d.speciality.name,
    mainDoctor: { firstName: d.firstName, lastName: d.lastName, secondName: d.secondName, employeeId: d.employeeId },
    complexResource: [
      {
        id: d.complexResource.id,
        name: d.complexResource.name,
        room: { id: d.complexResource.roomId, number: d.complexResource.roomNumber, lpuShortName: d.clinic.shortName, defaultAddress: d.clinic.address },
      },
    ],
  };
}

function receptionPayload(a: Appointment): Record<string, unknown> {
  return {
    id: a.id,
    startTime: moscowIso(a.start),
    toDoctor: { specialityId: a.doctor.speciality.code, specialityName: a.doctor.speciality.name },
    nameLpu: a.doctor.clinic.name,
    lpuAddress: a.doctor.clinic.address,
    roomNumber: a.doctor.complexResource.roomNumber,
  };
}
