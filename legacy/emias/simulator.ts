import { addDays, fromMoscow, moscowDate, moscowIso, SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { decodeOms, type Person } from '../population';
import { type Appointment, AppointmentBook } from './appointment-book';
import { ATTACH_TYPES, attachmentsOf } from './attachments';
import { clinicsFor, type Doctor, doctorsFor, receptionTypeOf, SPECIALITIES, type Speciality, servesSex, specialityByCode, specialityByReceptionType } from './catalogue';
import { RpcError, type RpcId, rpcError, rpcResult } from './json-rpc';
import { DOCUMENT_KINDS, type DocumentKind, documentHtml, documentsOf, findDocument, listItem } from './medical-card';
import { prescriptionStatus, prescriptionsOf } from './prescriptions';
import { type LdpReferral, ldpReferralsOf, type Referral, referralsOf } from './referrals';
import { DAYS_AHEAD, isBookableSlot, receptionDays, slotsOfDay } from './schedule';
import { EmiasSignIn, PASSPORT_PATH } from './sign-in';
import { vaccinationsOf } from './vaccinations';

const RPC_PATH = '/api/emc/appointment-eip/v1/';

type Params = Record<string, unknown>;
type Method = (patient: Person, params: Params, now: Date) => unknown;

/**
 * EMIAS: doctor appointments over JSON-RPC 2.0 (`POST /api/emc/appointment-eip/v1/?{method}`) and
 * the electronic medical card over REST. The appointment API is signed in to as emias.info does
 * it (`sign-in.ts`: CSRF token from `/`, an anonymous JWT, the `jwt` cookie); the integration's
 * service token in `X-Access-JWT` is accepted there too, and is what the card asks for (its real
 * carrier is the same header, holding the resident's own token). The patient is named in every
 * appointment call by OMS number and birth date; refusals are HTTP 200 with a JSON-RPC `error`,
 * and the system's own faults come the same way ("Read timed out") or as a plain-text 5xx.
 */
export function createEmiasSimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const seed = population.seed;
  const book = new AppointmentBook(seed);
  const signIn = new EmiasSignIn(seed);

  const hasServiceToken = (req: SimRequest): boolean => req.headers['x-access-jwt'] === serviceToken;
  const authorizeCard = (req: SimRequest): void => {
    if (!hasServiceToken(req)) throw new SimHttpError(401, { text: 'Unauthorized' });
  };
  const authorizeRpc = async (req: SimRequest): Promise<void> => {
    if (!hasServiceToken(req) && !(await signIn.carriesSession(req))) throw new SimHttpError(401, { text: 'Unauthorized' });
  };

  /**
   * The speciality a call is about: named (`specialityId`), or through the visit type the public
   * clients book by (`receptionTypeId`), or, when moving an appointment, the appointment's own.
   */
  const specialityOf = (patient: Person, params: Params, now: Date): Speciality => {
    let speciality: Speciality | undefined;
    if (params.specialityId !== undefined && params.specialityId !== null) speciality = specialityByCode(intParam(params, 'specialityId'));
    else if (params.receptionTypeId !== undefined && params.receptionTypeId !== null) speciality = specialityByReceptionType(intParam(params, 'receptionTypeId'));
    else if (params.appointmentId !== undefined && params.appointmentId !== null) {
      const appointment = book.find(patient, now, intParam(params, 'appointmentId'));
      if (!appointment) throw new RpcError('APPOINTMENT_NOT_FOUND');
      speciality = appointment.doctor.speciality;
    } else throw new RpcError('INVALID_PARAMS');
    if (!speciality) throw new RpcError('SPECIALITY_NOT_FOUND');
    return speciality;
  };

  const doctorOf = (patient: Person, params: Params, now: Date): { speciality: Speciality; doctor: Doctor } => {
    const speciality = specialityOf(patient, params, now);
    const resourceId = intParam(params, 'availableResourceId');
    const complexId = intParam(params, 'complexResourceId');
    const doctor = doctorsFor(seed, patient.registration.districtCode, speciality).find((d) => d.id === resourceId && d.complexResource.id === complexId);
    if (!doctor) throw new RpcError('RESOURCE_NOT_FOUND');
    return { speciality, doctor };
  };

  /** A slot the patient may take: allowed speciality, a real free slot of that doctor. */
  const bookableSlot = (patient: Person, params: Params, now: Date): { doctor: Doctor; start: Date; end: Date } => {
    const { speciality, doctor } = doctorOf(patient, params, now);
    const referred = referralsOf(seed, patient, now).some((r) => r.speciality.code === speciality.code && r.end.getTime() > now.getTime());
    if (!servesSex(speciality, patient.sex) || (speciality.needsReferral && !referred)) throw new RpcError('SPECIALITY_NOT_AVAILABLE');
    const start = instantParam(params, 'startTime');
    const end = instantParam(params, 'endTime');
    if (!isBookableSlot(now, start, end)) throw new RpcError('SLOT_UNAVAILABLE');
    if (book.isOccupied(doctor.id, start)) throw new RpcError('SLOT_BUSY');
    return { doctor, start, end };
  };

  const methods: Record<string, Method> = {
    getSpecialitiesInfo: () => SPECIALITIES.map(specialityPayload),

    getDoctorsInfo: (patient, params, now) => {
      const speciality = specialityOf(patient, params, now);
      const lastDay = receptionDays(now).at(-1) ?? addDays(moscowDate(now), DAYS_AHEAD - 1);
      return doctorsFor(seed, patient.registration.districtCode, speciality).map((d) => doctorPayload(d, lastDay));
    },

    getAvailableResourceScheduleInfo: (patient, params, now) => {
      const { doctor } = doctorOf(patient, params, now);
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

    getReferralsInfo: (patient, _params, now) => {
      const upcoming = book.upcoming(patient, now);
      return [
        ...referralsOf(seed, patient, now).map((r) => referralPayload(r, upcoming.filter((a) => a.doctor.speciality.code === r.speciality.code).length)),
        ...ldpReferralsOf(seed, patient, now).map(ldpReferralPayload),
      ];
    },

    // What the public clients read: `attachments.attachment[]` with `lpu.name`, `lpu.address`,
    // `status`, `createDate`. Who the patient is stays out *(designed: the rest is not public)*.
    getPatientInfo3: (patient, params, now) => {
      const asked = params.typeAttach === undefined ? [...ATTACH_TYPES] : intListParam(params, 'typeAttach');
      return {
        attachments: {
          attachment: attachmentsOf(seed, patient, asked, now).map((a) => ({
            id: a.id,
            typeAttach: a.typeAttach,
            status: 'ATTACHED',
            createDate: a.createDate,
            lpu: { id: a.clinic.lpuId, name: a.clinic.name, shortName: a.clinic.shortName, address: a.clinic.address },
          })),
        },
      };
    },

    // Procedures the therapist assigned, to be booked as LDP visits *(designed shape: the public
    // clients call it only to see that the patient exists)*.
    getAssignmentsInfo: (patient, _params, now) =>
      ldpReferralsOf(seed, patient, now).map((r) => ({
        id: r.id,
        number: r.number,
        ldpTypeId: r.ldp.id,
        ldpTypeName: r.ldp.name,
        lpuId: r.clinic.lpuId,
        lpuName: r.clinic.name,
        startTime: moscowIso(r.issued),
        endTime: moscowIso(r.end),
      })),

    // The clinics where the speciality can be booked for the patient *(designed shape)*.
    getLpuListForSpeciality: (patient, params, now) => {
      const speciality = specialityOf(patient, params, now);
      if (!servesSex(speciality, patient.sex)) throw new RpcError('SPECIALITY_NOT_AVAILABLE');
      return clinicsFor(seed, patient.registration.districtCode, speciality).map((c) => ({
        id: c.lpuId,
        name: c.name,
        shortName: c.shortName,
        address: c.address,
        addressPointId: c.addressPointId,
      }));
    },

    // The patient's electronic prescriptions *(designed shape; the card's /api/2/receipt lists the same)*.
    digitalPrescription: (patient, _params, now) =>
      prescriptionsOf(seed, patient, now).map((p) => ({
        number: p.number,
        medicineName: p.medicineName,
        prescriptionDate: moscowIso(p.written),
        expirationDate: moscowIso(p.expires),
        status: prescriptionStatus(p, now),
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

  const rpc = async (req: SimRequest): Promise<SimResponse> => {
    await authorizeRpc(req);
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
        method: 'GET',
        path: '/',
        handle: (req) => signIn.startPage(req.now),
      },
      {
        method: 'POST',
        path: PASSPORT_PATH,
        name: (req) => `POST ${PASSPORT_PATH}?${methodOf(req) ?? ''}`,
        handle: (req) => signIn.createAnonymousJwt(req),
      },
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
          authorizeCard(req);
          const kind = req.params.kind as DocumentKind;
          if (!DOCUMENT_KINDS.includes(kind)) throw new SimHttpError(404, { json: { message: 'Not found' } });
          // `shortDateFilter=all_time` is what the public clients send; the simulator's card has no older part.
          return { json: { documents: documentsOf(seed, cardOwner(req), kind, req.now).map(listItem) } };
        },
      },
      {
        method: 'GET',
        path: '/api/2/document',
        handle(req) {
          authorizeCard(req);
          const doc = findDocument(seed, cardOwner(req), req.query.get('documentId') ?? '', req.now);
          if (!doc) throw new SimHttpError(404, { json: { message: 'Document not found' } });
          return { json: { title: doc.title, documentHtml: documentHtml(doc), date: doc.date } };
        },
      },
      {
        method: 'GET',
        path: '/api/3/vaccinations',
        handle(req) {
          authorizeCard(req);
          return { json: vaccinationsOf(seed, cardOwner(req), moscowDate(req.now)) };
        },
      },
      {
        method: 'GET',
        path: '/api/2/receipt',
        handle(req) {
          authorizeCard(req);
          const receipts = prescriptionsOf(seed, cardOwner(req), req.now).map((p) => ({
            prescriptionNumber: p.number,
            medicineName: p.medicineName,
            prescriptionDate: moscowIso(p.written),
            expirationDate: moscowIso(p.expires),
            prescriptionStatus: prescriptionStatus(p, req.now),
          }));
          return { json: { receipts } };
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

function intListParam(params: Params, name: string): number[] {
  const value = params[name];
  if (!Array.isArray(value) || value.length > 10 || !value.every((v) => Number.isSafeInteger(v))) throw new RpcError('INVALID_PARAMS');
  return value as number[];
}

/** `code` is a string on the wire (the public clients read it as one), the other ids are numbers. */
function specialityPayload(s: Speciality): Record<string, unknown> {
  return {
    code: String(s.code),
    name: s.name,
    male: s.male,
    female: s.female,
    // *(designed)* which areas a speciality serves: the district therapists' own.
    areaType: s.therapeutic ? [{ code: '1', name: 'Терапевтический' }] : [],
    therapeutic: s.therapeutic,
    isMultipleLpuSpeciality: s.multipleLpu,
    isComplaintSpeciality: s.complaint,
  };
}

function doctorPayload(d: Doctor, lastDay: string): Record<string, unknown> {
  const reception = receptionTypeOf(d.speciality);
  return {
    id: d.id,
    lpuId: d.clinic.lpuId,
    name: `${d.lastName} ${d.firstName} ${d.secondName}`,
    arType: 1,
    specialityChangeAbility: d.speciality.therapeutic,
    arSpecialityId: d.speciality.code,
    arSpecialityName: d.speciality.name,
    mainDoctor: {
      specialityName: d.speciality.name,
      specialityId: d.speciality.code,
      firstName: d.firstName,
      lastName: d.lastName,
      secondName: d.secondName,
      mejiId: d.mejiId,
      employeeId: d.employeeId,
    },
    // `primary` and `home` are strings on the wire (pyemias' model types them so).
    receptionType: [{ code: reception.code, name: reception.name, primary: 'true', home: 'false' }],
    ldpType: [],
    samplingType: [],
    complexResource: [
      {
        id: d.complexResource.id,
        name: d.complexResource.name,
        room: {
          id: d.complexResource.roomId,
          number: d.complexResource.roomNumber,
          lpuId: d.clinic.lpuId,
          lpuShortName: d.clinic.shortName,
          addressPointId: d.clinic.addressPointId,
          defaultAddress: d.clinic.address,
          // The last day the room's schedule is open *(designed meaning)*.
          availabilityDate: moscowIso(fromMoscow(lastDay)),
        },
      },
    ],
    district: d.district,
    replacement: false,
    nondistrict: !d.district,
    availableByReferral: d.speciality.needsReferral,
  };
}

function receptionPayload(a: Appointment): Record<string, unknown> {
  return {
    id: a.id,
    type: 'RECEPTION',
    startTime: moscowIso(a.start),
    endTime: moscowIso(a.end),
    toDoctor: {
      specialityId: a.doctor.speciality.code,
      specialityName: a.doctor.speciality.name,
      receptionTypeId: Number(receptionTypeOf(a.doctor.speciality).code),
    },
    lpuId: a.doctor.clinic.lpuId,
    nameLpu: a.doctor.clinic.name,
    lpuAddress: a.doctor.clinic.address,
    roomNumber: a.doctor.complexResource.roomNumber,
  };
}

function referralPayload(r: Referral, activeAppointments: number): Record<string, unknown> {
  return {
    id: r.id,
    number: r.number,
    type: 'REF_TO_DOCTOR',
    startTime: moscowIso(r.issued),
    endTime: moscowIso(r.end),
    lpuId: r.clinic.lpuId,
    lpuName: r.clinic.name,
    toDoctor: { specialityId: r.speciality.code, specialityName: r.speciality.name, receptionTypeId: Number(receptionTypeOf(r.speciality).code) },
    countActiveAppointment: activeAppointments,
    countAppointmentWithReceptionFact: 0,
    isMultipleLpuSpeciality: r.speciality.multipleLpu,
    isComplaintSpeciality: r.speciality.complaint,
  };
}

/** A referral to a procedure: `toLdp` in place of `toDoctor`. */
function ldpReferralPayload(r: LdpReferral): Record<string, unknown> {
  return {
    id: r.id,
    number: r.number,
    type: 'REF_TO_LDP',
    startTime: moscowIso(r.issued),
    endTime: moscowIso(r.end),
    lpuId: r.clinic.lpuId,
    lpuName: r.clinic.name,
    toLdp: { ldpTypeId: r.ldp.id, ldpTypeName: r.ldp.name, countAssignmentProcedures: 1 },
    countActiveAppointment: 0,
    countAppointmentWithReceptionFact: 0,
    isMultipleLpuSpeciality: false,
    isComplaintSpeciality: false,
  };
}
