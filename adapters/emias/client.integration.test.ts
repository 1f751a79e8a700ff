import { Writable } from 'node:stream';
import { createEmiasSimulator } from '../../legacy/emias';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { createLogger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { LegacyTransport } from '../transport';
import { EmiasClient } from './client';
import type { BookingRequest, Patient } from './port';

const RPC = 'POST /api/emc/appointment-eip/v1/';
const START_PAGE = 'GET /';
const CREATE_JWT = 'POST /api/passport/v2/?create_anonymous_jwt';

/** Log lines kept in memory, to show what the adapter writes. */
class MemoryLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('EmiasClient against the EMIAS simulator', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const person = population.findAdult((p) => p.sex === 'male');
  const patient: Patient = { omsNumber: person.omsNumber, birthDate: person.birthDate };
  const emias = simulatorUnderTest({
    system: 'emias',
    simulator: () => createEmiasSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
    clock,
    transport: { timeoutMs: 1000 },
  });
  let client: EmiasClient;

  /** The first free slot of the first doctor of a speciality. */
  const freeSlot = async (specialityId: string): Promise<BookingRequest> => {
    const [doctor] = await client.getDoctors(patient, specialityId);
    const ref = { doctorId: doctor!.id, complexResourceId: doctor!.rooms[0]!.complexResourceId, specialityId };
    const [slot] = await client.getSchedule(patient, ref);
    return { ...ref, ...slot! };
  };

  /** A client of its own, not yet signed in, with its transport closed after the test. */
  const fresh: Array<LegacyTransport> = [];
  const freshClient = (options: { serviceToken?: string; log?: MemoryLog } = {}): EmiasClient => {
    const logger = options.log ? createLogger({ service: 'test', level: 'debug', destination: options.log }) : undefined;
    const own = new LegacyTransport({ system: 'emias', baseUrl: emias.sim.url, timeoutMs: 1000, retry: { maxRetries: 1 }, ...(logger ? { logger } : {}) });
    fresh.push(own);
    return new EmiasClient({ transport: own, serviceToken: options.serviceToken ?? DEFAULT_SERVICE_TOKEN });
  };

  beforeAll(async () => {
    client = new EmiasClient({ transport: emias.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
    await client.prime();
  });
  afterEach(async () => {
    await Promise.all(fresh.splice(0).map((t) => t.close()));
  });

  it('reads specialities, doctors and slots, one call each', async () => {
    const specialities = await client.getSpecialities(patient);
    expect(specialities.find((s) => s.id === '2')?.name).toBe('Терапевт');
    const slot = await freeSlot('2');
    expect(slot.startTime).toMatch(/^2026-11-23T(08|09):[024]0:00\+03:00$/);
    expect(emias.sim.stats.snapshot().endpoints).toEqual({
      [`${RPC}?getSpecialitiesInfo`]: 1,
      [`${RPC}?getDoctorsInfo`]: 1,
      [`${RPC}?getAvailableResourceScheduleInfo`]: 1,
    });
  });

  it('books, refuses the same slot as SLOT_TAKEN, moves and cancels', async () => {
    const slot = await freeSlot('11');
    const booked = await client.createAppointment(patient, slot);
    expect(booked).toMatchObject({ startTime: slot.startTime, specialityId: '11', specialityName: 'Хирург' });
    expect((await client.getAppointments(patient)).map((a) => a.id)).toContain(booked.id);

    await expect(client.createAppointment(patient, slot)).rejects.toMatchObject({ code: 'SLOT_TAKEN', system: 'emias' });

    const later = await freeSlot('11');
    const moved = await client.shiftAppointment(patient, booked.id, later);
    expect(moved).toMatchObject({ id: booked.id, startTime: later.startTime });

    await client.cancelAppointment(patient, booked.id);
    expect((await client.getAppointments(patient)).map((a) => a.id)).not.toContain(booked.id);
    await expect(client.cancelAppointment(patient, booked.id)).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });
  });

  it('reads business refusals: a speciality not open to the patient, an unknown patient', async () => {
    // Gynaecology is not open to a male patient.
    await expect(client.createAppointment(patient, await freeSlot('15'))).rejects.toMatchObject({ code: 'SPECIALITY_NOT_ALLOWED' });
    await expect(client.getAppointments({ ...patient, birthDate: '1900-01-01' })).rejects.toMatchObject({ code: 'NOT_FOUND', system: 'emias' });
  });

  it('never takes an HTTP-200 error for success', async () => {
    emias.sim.faults.set({ errorRate: 1, status: 200 });
    await expect(client.getReferrals(patient)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'emias' });
    await expect(client.listDocuments(patient, 'ANALYSIS')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
  });

  it.each(['truncated', 'html', 'empty', 'wrong-shape'] as const)('turns a %s body into LEGACY_BAD_RESPONSE', async (malformed) => {
    emias.sim.faults.set({ malformed });
    await expect(client.getAppointments(patient)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
    await expect(client.getSpecialities(patient)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
    await expect(client.listDocuments(patient, 'INSPECTION')).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
    await expect(client.getDocument(patient, '1')).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });

  it('turns a 5xx into LEGACY_UNAVAILABLE and a refused card token into LEGACY_BAD_RESPONSE', async () => {
    emias.sim.faults.set({ errorRate: 1, status: 502 });
    await expect(client.getSpecialities(patient)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    emias.sim.faults.clear();
    const stranger = new EmiasClient({ transport: emias.transport, serviceToken: 'wrong' });
    await expect(stranger.listDocuments(patient, 'INSPECTION')).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
  });

  describe('its session with the appointment API', () => {
    it('signs in as emias.info does, once, before the first appointment call, with no service token on those calls', async () => {
      const own = freshClient({ serviceToken: 'not-for-appointments' });
      // Three calls at once share one sign-in.
      await Promise.all([own.getSpecialities(patient), own.getAppointments(patient), own.getReferrals(patient)]);
      await own.getAppointments(patient);
      expect(emias.sim.stats.snapshot().endpoints).toEqual({
        [START_PAGE]: 1,
        [CREATE_JWT]: 1,
        [`${RPC}?getSpecialitiesInfo`]: 1,
        [`${RPC}?getAppointmentReceptionsByPatient`]: 2,
        [`${RPC}?getReferralsInfo`]: 1,
      });
    });

    it("signs in inside the request that needed it: the sign-in's calls and the call itself carry that request's id", async () => {
      const own = freshClient();
      const requestId = '6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11';
      await runInRequestScope({ requestId, deadline: Date.now() + 5_000 }, () => own.getAppointments(patient));
      expect(emias.sim.stats.requestIdsOf(START_PAGE)).toEqual([requestId]);
      expect(emias.sim.stats.requestIdsOf(CREATE_JWT)).toEqual([requestId]);
      expect(emias.sim.stats.requestIdsOf(`${RPC}?getAppointmentReceptionsByPatient`)).toEqual([requestId]);
    });

    it('signs in again, once, when the week-long JWT has expired, and sends the call again', async () => {
      const own = freshClient();
      await own.getAppointments(patient);
      emias.sim.stats.reset();
      const signedAt = clock.now();
      try {
        clock.set(new Date(signedAt.getTime() + 8 * 86_400_000));
        await expect(own.getSpecialities(patient)).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: '2' })]));
        expect(emias.sim.stats.snapshot().endpoints).toEqual({ [START_PAGE]: 1, [CREATE_JWT]: 1, [`${RPC}?getSpecialitiesInfo`]: 2 });
      } finally {
        clock.set(signedAt);
      }
    });

    it('gives up as LEGACY_BAD_RESPONSE when EMIAS refuses the new session too, without signing in a third time', async () => {
      const own = freshClient();
      await own.getAppointments(patient);
      emias.sim.stats.reset();
      emias.sim.faults.set({ endpoint: `${RPC}?getReferralsInfo`, errorRate: 1, status: 401 });
      await expect(own.getReferrals(patient)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
      expect(emias.sim.stats.snapshot().endpoints).toEqual({ [START_PAGE]: 1, [CREATE_JWT]: 1, [`${RPC}?getReferralsInfo`]: 2 });
    });

    it('fails as LEGACY_BAD_RESPONSE when the sign-in is refused, and as LEGACY_UNAVAILABLE when EMIAS is down, trying again on the next call', async () => {
      const own = freshClient();
      emias.sim.faults.set({ endpoint: CREATE_JWT, errorRate: 1, status: 403 });
      await expect(own.getAppointments(patient)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'emias' });
      expect(emias.sim.stats.snapshot().endpoints[`${RPC}?getAppointmentReceptionsByPatient`]).toBeUndefined();
      emias.sim.faults.clear();
      emias.sim.faults.set({ endpoint: START_PAGE, down: true });
      await own.prime();
      await expect(own.getAppointments(patient)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'emias' });
      emias.sim.faults.clear();
      await expect(own.getAppointments(patient)).resolves.toEqual(expect.any(Array));
    });

    it('never writes the JWT or the CSRF token to the log', async () => {
      const log = new MemoryLog();
      const own = freshClient({ log });
      await own.getAppointments(patient);
      emias.sim.faults.set({ endpoint: `${RPC}?getReferralsInfo`, errorRate: 1, status: 401 });
      await expect(own.getReferrals(patient)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
      expect(log.text).toContain(CREATE_JWT);
      // JWTs start with the base64 of '{"': whatever the token, it would show as eyJ.
      expect(log.text).not.toMatch(/eyJ|csrf-token-value|jwt=/);
      expect(log.text).not.toContain(patient.omsNumber);
    });
  });

  it("reads the medical card: documents newest first with the offset, a document's content, null for an unknown one", async () => {
    const docs = await client.listDocuments(patient, 'INSPECTION');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs[0]!.date).toMatch(/\+03:00$/);
    expect(docs.every((d) => d.kind === 'INSPECTION')).toBe(true);
    const content = await client.getDocument(patient, docs[0]!.id);
    expect(content).toMatchObject({ id: docs[0]!.id, title: docs[0]!.title, date: docs[0]!.date });
    expect(await client.getDocument(patient, '1')).toBeNull();
    await expect(client.listDocuments({ ...patient, omsNumber: '7700000000000000' }, 'INSPECTION')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
