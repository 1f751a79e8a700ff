import { request } from 'undici';
import { createEmiasSimulator } from '../../legacy/emias';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import type { AuditEvent, AuditTrail } from '../../platform/audit';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createHealthSubgraph } from './service';

const RPC = 'POST /api/emc/appointment-eip/v1/';
const DASHBOARD = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident {
        id
        appointments { id startTime specialityName clinicName }
        medicalCard { documents(first: 3) { id title date } }
      }
    }
  }
`;
const BOOK = /* GraphQL */ `
  mutation($input: BookAppointmentInput!) {
    bookAppointment(input: $input) { appointment { id startTime specialityId specialityName clinicName } }
  }
`;

interface Slot {
  specialityId: string;
  doctor: { id: string };
  complexResourceId: string;
  startTime: string;
  endTime: string;
}
interface DashboardResident {
  id: string;
  appointments: { id: string; startTime: string; specialityName: string; clinicName: string }[];
  medicalCard: { documents: { id: string; title: string; date: string }[] } | null;
}

describe('health subgraph', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const parent = population.findAdult((p) => p.childIds.length === 2 && p.sex === 'female');
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.length === 0);
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  const representation = (p: Person) => ({
    __typename: 'Resident',
    id: String(p.id),
    sealedHealthKeys: subgraph.seal('health', String(p.id), { omsNumber: p.omsNumber, birthDate: p.birthDate }),
  });
  let registry: RunningSimulator;
  let emias: RunningSimulator;
  let subgraph: TestSubgraph;

  /** What EMIAS itself says the patient's appointments are. */
  const emiasAppointments = async (p: Person) => {
    const res = await request(`${emias.url}/api/emc/appointment-eip/v1/?getAppointmentReceptionsByPatient`, {
      method: 'POST',
      headers: { 'x-access-jwt': DEFAULT_SERVICE_TOKEN },
      body: JSON.stringify({ jsonrpc: '2.0', id: 't', method: 'getAppointmentReceptionsByPatient', params: { omsNumber: p.omsNumber, birthDate: p.birthDate } }),
    });
    return ((await res.body.json()) as { result: { id: number; startTime: string }[] }).result;
  };
  const firstSlot = async (p: Person, specialityId: string): Promise<Slot> => {
    const reply = await subgraph.query<{ availableSlots: Slot[] }>(
      'query($s: ID!) { availableSlots(specialityId: $s, first: 5) { specialityId doctor { id name } complexResourceId startTime endTime clinicName roomNumber } }',
      { s: specialityId },
      resident(p),
    );
    expect(reply.errors).toBeUndefined();
    return reply.data!.availableSlots[0]!;
  };
  const inputOf = (slot: Slot) => ({
    specialityId: slot.specialityId,
    doctorId: slot.doctor.id,
    complexResourceId: slot.complexResourceId,
    startTime: slot.startTime,
    endTime: slot.endTime,
  });

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }));
    emias = await startSimulator(createEmiasSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    subgraph = await startTestSubgraph(
      createHealthSubgraph,
      {
        registryUrl: registry.url,
        emiasUrl: emias.url,
        emiasServiceToken: DEFAULT_SERVICE_TOKEN,
      },
      { clock },
    );
  });
  afterAll(async () => {
    await subgraph.close();
    await emias.close();
    await registry.close();
  });
  beforeEach(() => {
    registry.stats.reset();
    emias.stats.reset();
    emias.faults.clear();
  });

  it('serves the dashboard fields for the resident and their children, one EMIAS call per patient and endpoint', async () => {
    const family = [parent, ...parent.childIds.map((id) => population.person(id)!)];
    const expected = await emiasAppointments(parent);
    emias.stats.reset();
    const reply = await subgraph.query<{ _entities: DashboardResident[] }>(DASHBOARD, { r: family.map(representation) }, resident(parent));
    expect(reply.errors).toBeUndefined();
    const [own] = reply.data!._entities;
    expect(own!.appointments.map((a) => a.id)).toEqual(expected.map((a) => String(a.id)));
    for (const a of own!.appointments) expect(a.startTime).toMatch(/\+03:00$/);
    const docs = own!.medicalCard!.documents;
    expect(docs.length).toBeLessThanOrEqual(3);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.map((d) => d.date)).toEqual([...docs.map((d) => d.date)].sort().reverse());

    const endpoints = emias.stats.snapshot().endpoints;
    expect(endpoints[`${RPC}?getAppointmentReceptionsByPatient`]).toBe(family.length);
    // Four kinds of documents per patient: EMIAS has no "all documents" call.
    expect(endpoints['GET /api/1/documents/:kind']).toBe(4 * family.length);
  });

  it('lists specialities and free slots for the signed-in resident, with the registry asked once per request', async () => {
    const reply = await subgraph.query<{ specialities: { id: string; name: string }[] }>('{ specialities { id name } }', {}, resident(parent));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.specialities).toContainEqual({ id: '2', name: 'Терапевт' });
    const slot = await firstSlot(parent, '2');
    expect(slot.startTime).toMatch(/^2026-11-23T08:[024]0:00\+03:00$/);
    expect(registry.stats.snapshot().endpoints['GET /api/profile/v1/persons']).toBe(2);
  });

  it('books a slot that then appears in appointments, and refuses the same slot again with SLOT_TAKEN', async () => {
    const slot = await firstSlot(parent, '12');
    const booked = await subgraph.query<{ bookAppointment: { appointment: { id: string; startTime: string; specialityName: string } } }>(BOOK, { input: inputOf(slot) }, resident(parent));
    expect(booked.errors).toBeUndefined();
    const appointment = booked.data!.bookAppointment.appointment;
    expect(appointment).toMatchObject({ startTime: slot.startTime, specialityName: 'Офтальмолог' });

    const dashboard = await subgraph.query<{ _entities: DashboardResident[] }>(DASHBOARD, { r: [representation(parent)] }, resident(parent));
    expect(dashboard.data!._entities[0]!.appointments.map((a) => a.id)).toContain(appointment.id);

    const again = await subgraph.query(BOOK, { input: inputOf(slot) }, resident(parent));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'SLOT_TAKEN', system: 'emias' });

    const cancelled = await subgraph.query<{ cancelAppointment: { cancelled: boolean } }>(
      'mutation($id: ID!) { cancelAppointment(appointmentId: $id) { appointmentId cancelled } }',
      { id: appointment.id },
      resident(parent),
    );
    expect(cancelled.data?.cancelAppointment.cancelled).toBe(true);
    const twice = await subgraph.query('mutation($id: ID!) { cancelAppointment(appointmentId: $id) { cancelled } }', { id: appointment.id }, resident(parent));
    expect(twice.errors?.[0]?.extensions?.code).toBe('APPOINTMENT_NOT_FOUND');
  });

  it.each([
    ['a doctor id that is not numeric', { doctorId: 'abc' }],
    ['an end before the start', { endTime: '2026-11-23T07:00:00+03:00' }],
    ['a time without an offset', { startTime: '2026-11-23T08:00:00' }],
  ])('refuses %s with BAD_USER_INPUT and no EMIAS call', async (_name, patch) => {
    const input = { specialityId: '2', doctorId: '123456789', complexResourceId: '234567', startTime: '2026-11-23T08:00:00+03:00', endTime: '2026-11-23T08:20:00+03:00', ...patch };
    const reply = await subgraph.query(BOOK, { input }, resident(parent));
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(emias.stats.snapshot().total).toBe(0);
    expect(registry.stats.snapshot().total).toBe(0);
  });

  it('refuses page sizes above the hard maximum with BAD_USER_INPUT', async () => {
    const reply = await subgraph.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { medicalCard { documents(first: 51) { id } } } } }',
      { r: [representation(parent)] },
      resident(parent),
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(emias.stats.snapshot().total).toBe(0);
  });

  it('pages the card by kind and reads a document by id', async () => {
    type Card = { _entities: { medicalCard: { documents: { id: string }[] } }[] };
    const page = (after?: string) =>
      subgraph.query<Card>(
        'query($r: [_Any!]!, $after: ID) { _entities(representations: $r) { ... on Resident { medicalCard { documents(kind: INSPECTION, first: 1, after: $after) { id } } } } }',
        { r: [representation(parent)], after },
        resident(parent),
      );
    const first = (await page()).data!._entities[0]!.medicalCard.documents;
    const second = (await page(first[0]!.id)).data!._entities[0]!.medicalCard.documents;
    expect(second).toHaveLength(1);
    expect(second[0]!.id).not.toBe(first[0]!.id);
    const doc = await subgraph.query<{ _entities: { medicalCard: { document: { id: string; html: string } | null } }[] }>(
      'query($r: [_Any!]!, $id: ID!) { _entities(representations: $r) { ... on Resident { medicalCard { document(id: $id) { id title date html } } } } }',
      { r: [representation(parent)], id: first[0]!.id },
      resident(parent),
    );
    expect(doc.errors).toBeUndefined();
    expect(doc.data!._entities[0]!.medicalCard.document?.html).toContain('<html>');
  });

  it('refuses a representation of someone the resident does not represent, with no EMIAS call', async () => {
    const reply = await subgraph.query(DASHBOARD, { r: [representation(stranger)] }, resident(parent));
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emias.stats.snapshot().total).toBe(0);
  });

  it('asks for a sign-in on root fields', async () => {
    const reply = await subgraph.query('{ specialities { id } }');
    expect(reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(emias.stats.snapshot().total).toBe(0);
  });

  it('reads "Read timed out" in HTTP 200 as LEGACY_UNAVAILABLE naming emias, without leaking the URL', async () => {
    emias.faults.set({ errorRate: 1, status: 200 });
    const reply = await subgraph.query<{ _entities: DashboardResident[] }>(DASHBOARD, { r: [representation(parent)] }, resident(parent));
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'emias' });
    expect(JSON.stringify(reply)).not.toContain(emias.url);
    expect(JSON.stringify(reply)).not.toContain(parent.omsNumber);
  });
});

describe('health subgraph and the audit trail', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const patient = population.findAdult((p) => p.childIds.length === 0);
  const representation = () => ({
    __typename: 'Resident',
    id: String(patient.id),
    sealedHealthKeys: subgraph.seal('health', String(patient.id), { omsNumber: patient.omsNumber, birthDate: patient.birthDate }),
  });
  const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id appointments { id } medicalCard { documents(first: 1) { id } } } } }';
  const recorded: AuditEvent[] = [];
  let failing = false;
  const trail: AuditTrail = {
    record: async (events) => {
      if (failing) throw Object.assign(new Error(`insert failed for ${patient.omsNumber}`), { code: '53100' });
      recorded.push(...events);
    },
    query: async () => [],
    close: async () => undefined,
  };
  let registry: RunningSimulator;
  let emias: RunningSimulator;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }));
    emias = await startSimulator(createEmiasSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    subgraph = await startTestSubgraph(createHealthSubgraph, { registryUrl: registry.url, emiasUrl: emias.url, emiasServiceToken: DEFAULT_SERVICE_TOKEN }, { audit: trail, clock });
  });
  afterAll(async () => {
    await subgraph.close();
    await emias.close();
    await registry.close();
  });

  it("records a resident's own medical read with the fields served", async () => {
    const reply = await subgraph.query(query, { r: [representation()] }, { kind: 'resident', personId: String(patient.id) });
    expect(reply.errors).toBeUndefined();
    expect(recorded).toEqual([
      {
        actorKind: 'resident',
        actorId: String(patient.id),
        purpose: null,
        subjectId: String(patient.id),
        subgraph: 'health',
        fields: ['appointments', 'medicalCard.documents'],
        requestId: expect.any(String),
        occurredAt: expect.any(Date),
        outcome: 'served',
      },
    ]);
  });

  it('refuses to serve a read it could not record, and counts the failed write on /metrics', async () => {
    const failures = async (): Promise<string | undefined> =>
      (await (await request(`${subgraph.url}/metrics`)).body.text()).split('\n').find((line) => line.startsWith('audit_write_failures_total{'));
    expect(await failures()).toBe('audit_write_failures_total{subgraph="health",service="subgraph"} 0');
    failing = true;
    try {
      const reply = await subgraph.query(query, { r: [representation()] }, { kind: 'staff', subject: 'polyclinic-12:doctor-7', scopes: ['health:read'], purpose: 'appointment' });
      expect(reply.data ?? null).toBeNull();
      expect(reply.errors).toEqual([{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE', system: 'audit' } }]);
      expect(JSON.stringify(reply)).not.toContain(patient.omsNumber);
    } finally {
      failing = false;
    }
    expect(await failures()).toBe('audit_write_failures_total{subgraph="health",service="subgraph"} 1');
  });

  it("refuses plain keys and another person's sealed keys with FORBIDDEN, no EMIAS call, and records the refused read", async () => {
    const other = population.findAdult((p) => p.id !== patient.id && p.childIds.length === 0);
    const reads = [
      // The keys in plain, as a replayed representation would carry them: never read.
      { r: { __typename: 'Resident', id: String(patient.id), omsNumber: other.omsNumber, birthDate: other.birthDate }, subject: String(patient.id) },
      // A genuine seal, but of someone else: the row names the person whose data was asked for.
      {
        r: { __typename: 'Resident', id: String(patient.id), sealedHealthKeys: subgraph.seal('health', String(other.id), { omsNumber: other.omsNumber, birthDate: other.birthDate }) },
        subject: String(other.id),
      },
    ];
    for (const { r, subject } of reads) {
      recorded.length = 0;
      emias.stats.reset();
      const reply = await subgraph.query(query, { r: [r] }, { kind: 'resident', personId: String(patient.id) });
      expect(reply.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(JSON.stringify(reply)).not.toContain(other.omsNumber);
      expect(emias.stats.snapshot().total).toBe(0);
      expect(recorded).toEqual([
        {
          actorKind: 'resident',
          actorId: String(patient.id),
          purpose: null,
          subjectId: subject,
          subgraph: 'health',
          fields: ['appointments', 'medicalCard'],
          requestId: expect.any(String),
          occurredAt: expect.any(Date),
          outcome: 'refused',
        },
      ]);
    }
  });

  it('lets staff read only with health:read', async () => {
    const reply = await subgraph.query(query, { r: [representation()] }, { kind: 'staff', subject: 'parking:inspector-1', scopes: ['parking:read'], purpose: 'fine' });
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
