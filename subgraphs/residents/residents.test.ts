import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../../legacy/kit';
import { Population, type Person } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { startTestSubgraph, type TestSubgraph } from '../kit';
import { createResidentsSubgraph } from './service';

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

  it('resolves representations of the resident and their children in one batch call', async () => {
    const representations = [parent.id, ...parent.childIds].map((id) => ({ __typename: 'Resident', id: String(id) }));
    const reply = await subgraph.query<{ _entities: { id: string; omsNumber: string }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id omsNumber meshPersonId payerCodes } } }',
      { r: representations },
      resident(parent),
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?._entities.map((e) => e.omsNumber)).toEqual([parent.id, ...parent.childIds].map((id) => population.person(id)!.omsNumber));
    expect(registry.stats.snapshot().endpoints['GET /api/profile/v1/persons']).toBe(1);
  });

  it('refuses a representation of someone the resident does not represent, without fetching it', async () => {
    const reply = await subgraph.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id snils } } }',
      { r: [{ __typename: 'Resident', id: String(stranger.id) }] },
      resident(parent),
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(registry.stats.snapshot().endpoints['GET /api/profile/v1/persons']).toBeUndefined();
  });

  it('asks for a sign-in without a principal, and answers 401 to a forged credential', async () => {
    const anonymous = await subgraph.query('{ me { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await subgraph.post({ query: '{ me { id } }' }, { 'x-internal-credential': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(registry.stats.snapshot().total).toBe(0);
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
