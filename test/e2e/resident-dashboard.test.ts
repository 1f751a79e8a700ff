import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { supergraphHash } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { RESIDENT_DASHBOARD } from '../../operations';
import { readCommittedSupergraph } from '../../schema';
import { postGraphQL } from '../support/graphql-client';
import { LegacyProbe } from '../support/legacy-probe';

interface Dashboard {
  me: {
    id: string;
    fullName: string;
    birthDate: string;
    appointments: Array<{ id: string; startTime: string; specialityName: string; clinicName: string }>;
    medicalCard: { documents: Array<{ id: string; title: string; date: string }> };
    children: Array<{
      id: string;
      fullName: string;
      student: { schoolName: string; className: string; marks: Array<{ subject: string; value: string; date: string }>; homework: unknown[] } | null;
    }>;
    homes: Array<{
      payerCode: string;
      address: string;
      meters: Array<{ id: string; kind: string; serialNumber: string; canSubmitNow: boolean; lastReading: { period: string; value: number } | null }>;
      bills: Array<{ period: string; status: string; amount: { kopecks: number } }>;
    }>;
    vehicles: Array<{
      plate: string;
      fines: Array<{ uin: string; status: string; issuedAt: string; amount: { kopecks: number } }>;
      residentPermit: { zone: string; validUntil: string } | null;
    }>;
    parkingAccount: { balance: { kopecks: number } } | null;
  };
}

/** The whole graph over HTTP, queried as the city portal would. */
describe('the resident dashboard end to end', () => {
  let system: EmbeddedSystem;
  let probe: LegacyProbe;
  let family: Person;
  let token: string;
  const dashboard = () => postGraphQL<Dashboard>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
    probe = new LegacyProbe(system.simulators);
    family = demoResidents(system.population).find((d) => d.key === 'family')!.person;
    token = await system.tokenFor(family.id);
  });
  afterAll(() => system.close());

  it('answers the dashboard in one round trip with what the legacy systems hold', async () => {
    const reply = await dashboard();
    expect(reply.status).toBe(200);
    expect(reply.errors).toBeUndefined();
    const me = reply.data!.me;

    expect(me).toMatchObject({ id: String(family.id), fullName: `${family.lastName} ${family.firstName} ${family.middleName}`, birthDate: family.birthDate });
    expect(me.appointments.map((a) => a.id)).toEqual(await probe.appointmentIds(family.omsNumber, family.birthDate));
    for (const a of me.appointments) expect(a.startTime).toMatch(/\+03:00$/);
    expect(me.medicalCard.documents.length).toBeLessThanOrEqual(3);

    expect(me.children.map((c) => c.id)).toEqual(family.childIds.map(String));
    const pupils = family.childIds.map((id) => system.population.person(id)!).filter((c) => c.meshPersonId);
    expect(pupils.length).toBeGreaterThanOrEqual(2);
    const marks = await probe.marks(
      String(family.id),
      pupils.map((p) => p.meshPersonId!),
      '2026-11-01',
      '2026-11-21',
    );
    for (const child of me.children) {
      const person = system.population.person(Number(child.id))!;
      if (!person.meshPersonId) {
        expect(child.student).toBeNull();
        continue;
      }
      const held = marks.filter((m) => String(m.student_id) === person.meshPersonId);
      expect(child.student!.marks.map((m) => [m.value, m.date]).sort()).toEqual(held.map((m) => [m.value, m.date]).sort());
      expect(child.student!.className).toMatch(/^\d{1,2}-[А-Я]$/);
    }

    expect(me.homes.map((h) => h.payerCode)).toEqual(family.payerCodes);
    const meters = await probe.meters(String(family.id));
    const shown = me.homes.flatMap((h) => h.meters);
    expect(shown.map((m) => [m.id, m.serialNumber, m.lastReading?.value]).sort()).toEqual(meters.map((m) => [String(m.counterId), m.num, m.lastIndication?.indication]).sort());
    for (const home of me.homes) {
      expect(home.bills.length).toBe(3);
      for (const b of home.bills) expect(Number.isInteger(b.amount.kopecks)).toBe(true);
    }

    expect(me.vehicles.map((v) => v.plate)).toEqual(family.vehicles.map((v) => v.plate));
    for (const f of me.vehicles.flatMap((v) => v.fines)) expect(f.uin).toMatch(/^18810\d{15}$/);
    expect(me.parkingAccount!.balance.kopecks).toBe(await probe.parkingBalance(family.parkingAccountId!));
  });

  it("shows operators each subgraph's legacy calls and breakers, with no personal data", async () => {
    await dashboard();
    const metrics = await (await request(`${system.subgraphs.health.url}/metrics`)).body.text();
    expect(metrics).toMatch(/legacy_calls_total\{system="emias",endpoint="[^"]+",outcome="ok",served="live",service="subgraph:health"\} [1-9]/);
    expect(metrics).toContain('legacy_breaker_open{system="emias",endpoint="*",service="subgraph:health"} 0');
    expect(metrics).not.toContain(family.omsNumber);
    const ready = await request(`${system.subgraphs.health.url}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.text()).toContain('emias');
  });

  it('holds one transport per legacy system in each subgraph process: /readyz lists each system once', async () => {
    await dashboard();
    const listed: Record<string, string[]> = {};
    for (const [name, subgraph] of Object.entries(system.subgraphs)) {
      const ready = (await (await request(`${subgraph.url}/readyz`)).body.json()) as { systems: Array<{ system: string }> };
      listed[name] = ready.systems.map((s) => s.system).sort();
    }
    // The runtime's guardianship check and the subgraph's own adapters share the registry's.
    expect(listed).toEqual({
      residents: ['registry'],
      health: ['emias', 'registry'],
      school: ['mesh', 'registry'],
      housing: ['housing', 'registry'],
      parking: ['fines', 'parking', 'registry'],
      // The bank, and the systems that own what is paid and take its confirmations.
      payments: ['acquirer', 'fines', 'housing', 'parking', 'payments-register', 'registry'],
    });
  });

  it('tells a load balancer the gateway is ready, and which supergraph it serves', async () => {
    const ready = await request(`${system.gateway.url}/readyz`);
    expect(ready.statusCode).toBe(200);
    // Its admission state is shown beside, and never fails readiness.
    expect(await ready.body.json()).toEqual({
      status: 'ready',
      supergraph: { sha256: supergraphHash(readCommittedSupergraph()), loadedAt: expect.any(String) },
      admission: { limit: expect.any(Number), normalLimit: expect.any(Number), inFlight: 0, refused: { normal: 0, critical: 0 }, queueDelayMs: expect.any(Number), shedding: true },
    });
  });

  it('asks for a sign-in without a token and refuses a forged one with 401', async () => {
    const anonymous = await postGraphQL<Dashboard>(system.gateway.graphqlUrl, '{ me { id } }');
    expect(anonymous.data?.me ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await postGraphQL(system.gateway.graphqlUrl, '{ me { id } }', { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never shows the system keys to clients', async () => {
    const reply = await postGraphQL(system.gateway.graphqlUrl, '{ me { id omsNumber payerCodes } }', { token });
    expect(reply.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('explains a malformed date with BAD_USER_INPUT and asks MESH nothing', async () => {
    system.simulators.mesh.stats.reset();
    const reply = await postGraphQL(system.gateway.graphqlUrl, '{ me { children { student { marks(from: "01.11.2026", to: "2026-11-21") { value } } } } }', { token });
    expect(reply.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(system.simulators.mesh.stats.snapshot().endpoints['GET /api/family/mobile/v1/marks']).toBeUndefined();
  });
});

describe('changes through the graph', () => {
  let system: EmbeddedSystem;
  let person: Person;
  let token: string;
  const gql = <T>(query: string, variables?: Record<string, unknown>) => postGraphQL<T>(system.gateway.graphqlUrl, query, { token, variables });

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
    person = demoResidents(system.population).find((d) => d.key === 'family')!.person;
    token = await system.tokenFor(person.id);
  });
  afterAll(() => system.close());
  beforeEach(() => {
    for (const sim of Object.values(system.simulators)) sim.stats.reset();
  });

  it('books a doctor, shows the booking, and refuses the same slot twice', async () => {
    const slots = await gql<{ availableSlots: Array<{ specialityId: string; doctor: { id: string }; complexResourceId: string; startTime: string; endTime: string }> }>(
      '{ availableSlots(specialityId: "2", first: 1) { specialityId doctor { id } complexResourceId startTime endTime } }',
    );
    expect(slots.errors).toBeUndefined();
    const slot = slots.data!.availableSlots[0]!;
    const input = { specialityId: slot.specialityId, doctorId: slot.doctor.id, complexResourceId: slot.complexResourceId, startTime: slot.startTime, endTime: slot.endTime };
    const book = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id startTime } } }';
    const booked = await gql<{ bookAppointment: { appointment: { id: string; startTime: string } } }>(book, { input });
    expect(booked.errors).toBeUndefined();
    const { id } = booked.data!.bookAppointment.appointment;

    const mine = await gql<{ me: { appointments: Array<{ id: string }> } }>('{ me { appointments { id } } }');
    expect(mine.data!.me.appointments.map((a) => a.id)).toContain(id);

    const again = await gql(book, { input });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'SLOT_TAKEN', system: 'emias' });

    const cancelled = await gql<{ cancelAppointment: { cancelled: boolean } }>('mutation($id: ID!) { cancelAppointment(appointmentId: $id) { cancelled } }', { id });
    expect(cancelled.data?.cancelAppointment.cancelled).toBe(true);
  });

  it('refuses a malformed booking before EMIAS is asked', async () => {
    const reply = await gql(
      'mutation { bookAppointment(input: { specialityId: "abc", doctorId: "1", complexResourceId: "1", startTime: "2026-11-23T10:00:00", endTime: "2026-11-23T10:20:00+03:00" }) { appointment { id } } }',
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(system.simulators.emias.stats.snapshot().total).toBe(0);
  });

  it('delivers a meter reading and shows it; rejects a lower one without writing it', async () => {
    const homes = await gql<{ me: { homes: Array<{ payerCode: string; meters: Array<{ id: string; kind: string; canSubmitNow: boolean; lastReading: { value: number } | null }> }> } }>(
      '{ me { homes { payerCode meters { id kind canSubmitNow lastReading { value } } } } }',
    );
    const home = homes.data!.me.homes.find((h) => h.meters.some((m) => m.canSubmitNow && m.kind === 'COLD_WATER'))!;
    const meter = home.meters.find((m) => m.canSubmitNow && m.kind === 'COLD_WATER')!;
    const last = meter.lastReading?.value ?? 0;
    const submit = 'mutation($input: SubmitMeterReadingsInput!, $key: String!) { submitMeterReadings(input: $input, idempotencyKey: $key) { results { meterId status reason { code } } } }';

    const lower = await gql<{ submitMeterReadings: { results: Array<{ status: string; reason: { code: string } | null }> } }>(submit, {
      input: { payerCode: home.payerCode, readings: [{ meterId: meter.id, value: last - 1 }] },
      key: 'e2e-lower',
    });
    expect(lower.data?.submitMeterReadings.results[0]).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_DECREASING' } });
    expect(system.simulators.housing.stats.snapshot().endpoints['PUT /api/efp/counters/addIndications/']).toBeUndefined();

    const good = await gql<{ submitMeterReadings: { results: Array<{ status: string }> } }>(submit, {
      input: { payerCode: home.payerCode, readings: [{ meterId: meter.id, value: last + 4 }] },
      key: 'e2e-good',
    });
    expect(good.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    const after = await gql<{ me: { homes: Array<{ meters: Array<{ id: string; lastReading: { period: string; value: number } }> }> } }>(
      '{ me { homes { meters { id lastReading { period value } } } } }',
    );
    const updated = after.data!.me.homes.flatMap((h) => h.meters).find((m) => m.id === meter.id)!;
    expect(updated.lastReading).toEqual({ period: '2026-11-30', value: last + 4 });
    expect(system.simulators.housing.stats.snapshot().endpoints['PUT /api/efp/counters/addIndications/']).toBe(1);
  });

  it('starts a parking session for a plate typed in Latin letters and charges the account', async () => {
    const before = await gql<{ me: { parkingAccount: { balance: { kopecks: number } } } }>('{ me { parkingAccount { balance { kopecks } } } }');
    const plate = person.vehicles[0]!.plate.replace('А', 'A').replace('В', 'B');
    const started = await gql<{ startParkingSession: { session: { id: string; plate: string; cost: { kopecks: number } }; balance: { kopecks: number } } }>(
      'mutation($input: StartParkingSessionInput!) { startParkingSession(input: $input) { session { id plate cost { kopecks } } balance { kopecks } } }',
      { input: { plate, zone: '0201', minutes: 30 } },
    );
    expect(started.errors).toBeUndefined();
    const { session, balance } = started.data!.startParkingSession;
    expect(session.plate).toBe(person.vehicles[0]!.plate);
    expect(balance.kopecks).toBe(before.data!.me.parkingAccount.balance.kopecks - session.cost.kopecks);
    const stopped = await gql<{ stopParkingSession: { session: { id: string } } }>('mutation($id: ID!) { stopParkingSession(sessionId: $id) { session { id } } }', { id: session.id });
    expect(stopped.errors).toBeUndefined();
  });

  it('refuses a malformed plate before the parking system is asked', async () => {
    const reply = await gql('mutation { startParkingSession(input: { plate: "Б123ВГ7", zone: "0201", minutes: 30 }) { session { id } } }');
    expect(reply.errors?.[0]?.extensions?.code).toBe('INVALID_PLATE');
    expect(system.simulators.parking.stats.snapshot().total).toBe(0);
  });
});
