import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import type { Person } from '../../legacy/population';
import { RESIDENT_DASHBOARD } from '../../operations';
import { legacyCalls, postGraphQL } from '../support/graphql-client';

/**
 * What one dashboard costs each legacy system, read from the simulators' own counters. Batching
 * (DataLoader per request, the systems' batch calls) must make it a constant per system, however
 * many children, homes or cars the resident has.
 */
describe('legacy calls per dashboard', () => {
  let system: EmbeddedSystem;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
  });
  afterAll(() => system.close());

  const pupils = (p: Person) => p.childIds.filter((id) => system.population.person(id)?.meshPersonId).length;

  async function costOf(person: Person): Promise<Record<string, number>> {
    for (const sim of Object.values(system.simulators)) sim.stats.reset();
    const reply = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: await system.tokenFor(person.id) });
    expect(reply.errors).toBeUndefined();
    return legacyCalls(system.simulators);
  }

  it('does not grow with the number of children, homes or cars', async () => {
    // Distinct residents: a second view of the same one would be served partly from caches.
    const chosen = new Set<number>();
    const find = (predicate: (p: Person) => boolean) => {
      const found = system.population.findAdult((p) => !chosen.has(p.id) && pupils(p) >= 1 && p.payerCodes.length >= 1 && p.vehicles.length >= 1 && predicate(p));
      chosen.add(found.id);
      return found;
    };
    const residents = [
      find((p) => p.childIds.length === 1),
      find((p) => p.childIds.length === 3 && pupils(p) === 3),
      find((p) => p.childIds.length === 5),
      find((p) => p.payerCodes.length === 3),
      find((p) => p.vehicles.length === 3),
    ];
    // The portal sessions (EMIAS, housing, parking) are opened as the services start, best effort:
    // on a busy machine a sign-in may miss its start-up deadline and happen on the first call
    // instead. One dashboard of someone else first, so the counts are what every later one costs.
    await costOf(find(() => true));
    const costs = [];
    for (const resident of residents) costs.push(await costOf(resident));
    const [first, ...rest] = costs;
    for (const cost of rest) expect(cost).toEqual(first);
    // The numbers a reviewer can check: registry (the person, the children, who represents whom),
    // EMIAS (appointments, four card sections), MESH (profile, marks, homework), housing (homes,
    // meters, bills), parking (balance, permits, fines); the acquirer is only called to pay.
    expect(first).toEqual({ registry: 3, emias: 5, mesh: 3, housing: 3, parking: 3, acquirer: 0 });
  });

  it('costs nothing of a system whose data the resident does not have', async () => {
    const newcomer = system.population.findAdult((p) => p.childIds.length === 0 && p.payerCodes.length === 0 && p.vehicles.length === 0);
    const cost = await costOf(newcomer);
    expect(cost.mesh).toBe(0);
    expect(cost.housing).toBe(0);
    expect(cost.parking).toBe(0);
  });
});

/** Production's per-principal cache of read-mostly data: a repeat view within a minute. */
describe('a repeat view within a minute, with fresh reads on', () => {
  let system: EmbeddedSystem;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent', freshReads: true });
  });
  afterAll(() => system.close());

  it('asks the legacy systems only for what the resident changes themselves, and answers the same', async () => {
    const person = system.population.findAdult((p) => p.childIds.some((id) => system.population.person(id)?.meshPersonId) && p.payerCodes.length > 0 && p.vehicles.length > 0);
    const token = await system.tokenFor(person.id);
    const first = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    for (const sim of Object.values(system.simulators)) sim.stats.reset();
    const again = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    // Appointments, meters (a reading just given must show) and the parking balance stay live.
    expect(legacyCalls(system.simulators)).toEqual({ registry: 0, emias: 1, mesh: 0, housing: 1, parking: 1, acquirer: 0 });
  });
});
