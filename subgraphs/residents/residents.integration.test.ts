import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { addDays, dayOfAge, fromMoscow } from '../../platform/time';
import { eventually } from '../../test/support/eventually';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createResidentsSubgraph } from './service';

const PERSONS = 'GET /api/profile/v1/persons';
const CHILDREN = 'GET /api/profile/v1/persons/:personId/children';

describe('residents subgraph', () => {
  const population = new Population();
  const parent = population.findAdult((p) => p.childIds.length === 2);
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.length === 0);
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  let registry: RunningSimulator;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    subgraph = await startTestSubgraph(createResidentsSubgraph, { registryUrl: registry.url });
  });
  afterAll(async () => {
    await subgraph.close();
    await registry.close();
  });
  beforeEach(() => registry.stats.reset());

  it('answers me with the registry record, SNILS whole to the person and masked on a child', async () => {
    const reply = await subgraph.query<{ me: { id: string; fullName: string; snils: string; children: { id: string; snils: string }[] } }>(
      '{ me { id fullName birthDate snils registeredAddress { text flat districtCode } children { id snils } } }',
      {},
      resident(parent),
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.me).toMatchObject({
      id: String(parent.id),
      fullName: `${parent.lastName} ${parent.firstName} ${parent.middleName}`,
      snils: parent.snils,
    });
    expect(reply.data?.me.children.map((c) => c.id)).toEqual(parent.childIds.map(String));
    expect(reply.data?.me.children[0]?.snils).toMatch(/^\*\*\*-\*\*\*-\*\*\* \d{2}$/);
    // One batch call for the person, one for the children; the children are not fetched again.
    expect(registry.stats.snapshot().total).toBe(2);
  });

  it("asks the registry for the children while the person's own call is still out, as every later fetch waits for both", async () => {
    registry.faults.set({ endpoint: PERSONS, hang: true });
    try {
      const reply = subgraph.query('{ me { id children { id } } }', {}, resident(parent));
      // Before, the children were asked for only once the person had come back: never, here.
      await eventually(() => registry.stats.snapshot().endpoints[CHILDREN] === 1, { timeoutMs: 1_500, what: 'a children call while the person call hangs' });
      // The person's call ends by the legacy timeout (answered stale, or LEGACY_TIMEOUT): either way it ends.
      await reply;
    } finally {
      registry.faults.clear();
    }
    // A selection without children costs no children call.
    registry.stats.reset();
    expect((await subgraph.query('{ me { id } }', {}, resident(parent))).errors).toBeUndefined();
    expect(registry.stats.snapshot().endpoints[CHILDREN]).toBeUndefined();
  });

  it('resolves representations of the resident and their children in one batch call, each key sealed for its subgraph and person', async () => {
    const ids = [parent.id, ...parent.childIds].map(String);
    type Sealed = { id: string; sealedHealthKeys: string; sealedSchoolKeys: string; sealedHousingKeys: string; sealedParkingKeys: string };
    const reply = await subgraph.query<{ _entities: Sealed[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id sealedHealthKeys sealedSchoolKeys sealedHousingKeys sealedParkingKeys } } }',
      { r: ids.map((id) => ({ __typename: 'Resident', id })) },
      resident(parent),
    );
    expect(reply.errors).toBeUndefined();
    reply.data!._entities.forEach((entity, i) => {
      const person = population.person(Number(ids[i]))!;
      const open = (token: string, audience: string) => subgraph.keySeal.open(token, { subject: String(person.id), audience });
      expect(open(entity.sealedHealthKeys, 'health')).toEqual({ omsNumber: person.omsNumber, birthDate: person.birthDate });
      expect(open(entity.sealedSchoolKeys, 'school')).toEqual({ meshPersonId: person.meshPersonId });
      expect(open(entity.sealedHousingKeys, 'housing')).toEqual({ payerCodes: person.payerCodes });
      expect(open(entity.sealedParkingKeys, 'parking')).toEqual({ vehicles: person.vehicles, parkingAccountId: person.parkingAccountId });
      // Sealed, not merely encoded for show: no subgraph opens another's.
      expect(() => open(entity.sealedHealthKeys, 'parking')).toThrow(/other-audience/);
    });
    expect(registry.stats.snapshot().endpoints[PERSONS]).toBe(1);
  });

  it('refuses a representation of someone the resident does not represent, without fetching it', async () => {
    const reply = await subgraph.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id snils } } }',
      { r: [{ __typename: 'Resident', id: String(stranger.id) }] },
      resident(parent),
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(registry.stats.snapshot().endpoints[PERSONS]).toBeUndefined();
  });

  it('asks for a sign-in without a principal, and answers 401 to a forged credential', async () => {
    const anonymous = await subgraph.query('{ me { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await subgraph.post({ query: '{ me { id } }' }, { 'x-internal-credential': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(registry.stats.snapshot().total).toBe(0);
  });

  it('answers resident(id:) for the resident and a child they represent, FORBIDDEN for a stranger before the registry is asked for them', async () => {
    const own = await subgraph.query<{ resident: { id: string } }>(`{ resident(id: "${parent.childIds[0]}") { id fullName } }`, {}, resident(parent));
    expect(own.errors).toBeUndefined();
    registry.stats.reset();
    const other = await subgraph.query(`{ resident(id: "${stranger.id}") { id fullName } }`, {}, resident(parent));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(registry.stats.snapshot().endpoints[PERSONS]).toBeUndefined();
    expect((await subgraph.query('{ resident(id: "abc") { id } }', {}, resident(parent))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("governs each field for staff by scope: identity with residents:read, each key with its department's scope", async () => {
    const staff = (scopes: Array<'residents:read' | 'health:read' | 'school:read' | 'housing:read' | 'parking:read'>) => ({
      kind: 'staff' as const,
      subject: 'clerk-1',
      scopes,
      purpose: 'case 42',
    });
    const clerk = await subgraph.query<{ resident: { fullName: string; snils: string } }>(`{ resident(id: "${stranger.id}") { id fullName snils } }`, {}, staff(['residents:read']));
    expect(clerk.errors).toBeUndefined();
    expect(clerk.data?.resident.snils).toMatch(/^\*\*\*-\*\*\*-\*\*\* \d{2}$/);

    registry.stats.reset();
    const doctorAskingName = await subgraph.query(`{ resident(id: "${stranger.id}") { id fullName } }`, {}, staff(['health:read']));
    expect(doctorAskingName.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'fullName' });
    expect(registry.stats.snapshot().total).toBe(0);

    const keys = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id birthDate sealedHealthKeys } } }';
    const r = [{ __typename: 'Resident', id: String(stranger.id) }];
    const doctor = await subgraph.query<{ _entities: Array<{ sealedHealthKeys: string }> }>(keys, { r }, staff(['health:read']));
    expect(doctor.errors).toBeUndefined();
    expect(subgraph.keySeal.open(doctor.data?._entities[0]?.sealedHealthKeys, { subject: String(stranger.id), audience: 'health' })).toMatchObject({ omsNumber: stranger.omsNumber });
    for (const scope of ['school:read', 'housing:read', 'parking:read'] as const) {
      const other = await subgraph.query(keys, { r }, staff([scope]));
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers 401 to a request with no credential at all, _service included', async () => {
    for (const query of ['{ _service { sdl } }', '{ me { id } }']) {
      const reply = await subgraph.post({ query }, {});
      expect(reply.status).toBe(401);
    }
  });

  it('maps a registry outage to LEGACY_UNAVAILABLE naming the system', async () => {
    registry.faults.set({ errorRate: 1, status: 503 });
    try {
      const reply = await subgraph.query('{ me { id } }', {}, resident(stranger));
      expect(reply.data?.me).toBeNull();
      expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'registry' });
      expect(JSON.stringify(reply)).not.toContain(registry.url);
    } finally {
      registry.faults.clear();
    }
  });
});

describe("residents subgraph on a child's 18th birthday", () => {
  const population = new Population();
  const turning18 = (id: number) => population.ageOf(population.person(id)!) === 17;
  const parent = population.findAdult((p) => p.childIds.length >= 2 && p.childIds.some(turning18));
  const grownUp = population.person(parent.childIds.find(turning18)!)!;
  const sibling = parent.childIds.find((id) => id !== grownUp.id)!;
  const birthday = dayOfAge(grownUp.birthDate, 18);
  const eve = fromMoscow(addDays(birthday, -1), 23, 59);
  // The registry still lists the child (its clock on the eve); the graph's own clock decides.
  const registryClock = new AdjustableClock(eve);
  const graphClock = new AdjustableClock(eve);
  const asParent = { kind: 'resident' as const, personId: String(parent.id) };
  let registry: RunningSimulator;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock: registryClock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock: registryClock });
    subgraph = await startTestSubgraph(createResidentsSubgraph, { registryUrl: registry.url }, { clock: graphClock });
  });
  afterAll(async () => {
    await subgraph.close();
    await registry.close();
  });

  it('lists and serves the child on the eve, and neither lists nor serves them from the birthday on', async () => {
    const children = async () => (await subgraph.query<{ me: { children: { id: string }[] } }>('{ me { children { id } } }', {}, asParent)).data?.me.children.map((c) => c.id);
    const read = () => subgraph.query(`{ resident(id: "${grownUp.id}") { id fullName } }`, {}, asParent);

    graphClock.set(eve);
    expect(await children()).toContain(String(grownUp.id));
    expect((await read()).errors).toBeUndefined();

    graphClock.set(fromMoscow(birthday));
    expect(await children()).toEqual(expect.arrayContaining([String(sibling)]));
    expect(await children()).not.toContain(String(grownUp.id));
    registry.stats.reset();
    const refused = await read();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Refused before the person is fetched: only the (cached) list of wards was needed.
    expect(registry.stats.snapshot().endpoints[PERSONS]).toBeUndefined();
  });
});
