import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { RegistryClient } from './client';

describe('RegistryClient against the registry simulator', () => {
  const population = new Population();
  const registry = simulatorUnderTest({ system: 'registry', simulator: () => createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }) });
  let client: RegistryClient;

  beforeAll(() => {
    client = new RegistryClient({ transport: registry.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });

  it('fetches 250 persons in three batch calls and leaves unknown ids out', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(2000 + i));
    const persons = await client.getPersons([...ids, '0', 'x']);
    expect(persons.size).toBe(250);
    expect(persons.get('2000')?.snils).toBe(population.person(2000)!.snils);
    expect(registry.sim.stats.snapshot().endpoints).toEqual({ 'GET /api/profile/v1/persons': 3 });
  });

  it("lists a parent's children", async () => {
    const parent = population.findAdult((p) => p.childIds.length === 3);
    const children = await client.getChildren(String(parent.id));
    expect(children.map((c) => c.id)).toEqual(parent.childIds.map(String));
  });

  it('turns garbage into LEGACY_BAD_RESPONSE and an outage into LEGACY_UNAVAILABLE', async () => {
    registry.sim.faults.set({ malformed: 'truncated' });
    await expect(client.getPersons(['1042'])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'registry' });
    registry.sim.faults.clear();
    registry.sim.faults.set({ malformed: 'wrong-shape' });
    await expect(client.getPersons(['1042'])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
    registry.sim.faults.clear();
    registry.sim.faults.set({ errorRate: 1, status: 502 });
    await expect(client.getChildren('1042')).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
  });

  it.each(MALFORMED_KINDS)('turns a %s body from either endpoint into LEGACY_BAD_RESPONSE, never an empty answer', async (malformed) => {
    registry.sim.faults.set({ malformed });
    try {
      await expect(client.getPersons(['1042'])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'registry' });
      await expect(client.getChildren('1042')).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'registry' });
    } finally {
      registry.sim.faults.clear();
    }
  });
});
