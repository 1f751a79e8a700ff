import { randomUUID } from 'node:crypto';
import { RegistryClient } from '../../adapters/registry';
import { LegacyTransport } from '../../adapters/transport';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { runInRequestScope } from '../../platform/request-scope';
import { createResidentsLoaders } from './loaders';

const PERSONS = 'GET /api/profile/v1/persons';
const CHILDREN = 'GET /api/profile/v1/persons/:personId/children';

/**
 * The loaders pass nothing but domain arguments to the registry port: the request id and the
 * deadline reach the legacy call through the request scope alone.
 */
describe('residents loaders against the registry simulator', () => {
  const population = new Population();
  let sim: RunningSimulator;
  let transport: LegacyTransport;
  let registry: RegistryClient;

  beforeAll(async () => {
    sim = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    // Longer than this file's test timeout: a call can end in time only by the scope's deadline.
    transport = new LegacyTransport({ system: 'registry', baseUrl: sim.url, timeoutMs: 120_000 });
    registry = new RegistryClient({ transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });
  afterAll(async () => {
    await transport.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.stats.reset();
    sim.faults.clear();
  });

  it("send the request scope's id with every registry call a batch makes", async () => {
    const parent = population.findAdult((p) => p.childIds.length === 2);
    const requestId = randomUUID();
    const children = await runInRequestScope({ requestId, deadline: Date.now() + 10_000, principalKey: `resident:${parent.id}` }, async () => {
      const loaders = createResidentsLoaders(registry);
      const [self, wards] = await Promise.all([loaders.person.load(String(parent.id)), loaders.children.load(String(parent.id))]);
      expect(self?.id).toBe(String(parent.id));
      return wards;
    });
    expect(children.map((c) => c.id)).toEqual(parent.childIds.map(String));
    expect(sim.stats.requestIdsOf(PERSONS)).toEqual([requestId]);
    expect(sim.stats.requestIdsOf(CHILDREN)).toEqual([requestId]);
  });

  it("end a hung registry call by the request scope's deadline, as LEGACY_TIMEOUT for that key", async () => {
    const parent = population.findAdult((p) => p.childIds.length === 3);
    sim.faults.set({ endpoint: CHILDREN, hang: true });
    const requestId = randomUUID();
    const outcome = runInRequestScope({ requestId, deadline: Date.now() + 300 }, () => createResidentsLoaders(registry).children.load(String(parent.id)));
    await expect(outcome).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'registry' });
    expect(sim.stats.requestIdsOf(CHILDREN)).toEqual([requestId]);
  }, 10_000);
});
