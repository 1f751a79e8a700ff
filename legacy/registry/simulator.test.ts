import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../kit';
import { Population } from '../population';
import { createRegistrySimulator } from './simulator';

describe('registry simulator', () => {
  const population = new Population();
  let sim: RunningSimulator;
  const auth = { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` };

  beforeAll(async () => {
    sim = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await request(`${sim.url}/__admin/faults`, { method: 'DELETE' });
    await request(`${sim.url}/__admin/stats/reset`, { method: 'POST' });
  });

  it('serves a person in the registry shape', async () => {
    const res = await request(`${sim.url}/api/profile/v1/persons/1042`, { headers: auth });
    expect(res.statusCode).toBe(200);
    const body = (await res.body.json()) as { person: Record<string, unknown> };
    const p = population.person(1042)!;
    expect(body.person).toMatchObject({ id: '1042', last_name: p.lastName, birth_date: p.birthDate, snils: p.snils, oms_number: p.omsNumber });
  });

  it('answers 401 without the service token and 404 for an unknown person', async () => {
    expect((await request(`${sim.url}/api/profile/v1/persons/1042`)).statusCode).toBe(401);
    const res = await request(`${sim.url}/api/profile/v1/persons/999999999999`, { headers: auth });
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({ code: 'NOT_FOUND' });
  });

  it('serves up to 100 ids in one batch and lists the unknown ones', async () => {
    const res = await request(`${sim.url}/api/profile/v1/persons?ids=1042,1043,0`, { headers: auth });
    const body = (await res.body.json()) as { persons: { id: string }[]; not_found: string[] };
    expect(body.persons.map((p) => p.id)).toEqual(['1042', '1043']);
    expect(body.not_found).toEqual(['0']);
    const tooMany = Array.from({ length: 101 }, (_, i) => 1000 + i).join(',');
    expect((await request(`${sim.url}/api/profile/v1/persons?ids=${tooMany}`, { headers: auth })).statusCode).toBe(400);
  });

  it('lists the minors a person represents', async () => {
    const parent = population.findAdult((p) => p.childIds.length === 3);
    const res = await request(`${sim.url}/api/profile/v1/persons/${parent.id}/children`, { headers: auth });
    const body = (await res.body.json()) as { children: { id: string }[] };
    expect(body.children.map((c) => c.id)).toEqual(parent.childIds.map(String));
  });

  it('counts requests per endpoint and breaks on demand', async () => {
    await request(`${sim.url}/api/profile/v1/persons/1042`, { headers: auth });
    await request(`${sim.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ endpoint: 'GET /api/profile/v1/persons/:personId', errorRate: 1, status: 503 }) });
    expect((await request(`${sim.url}/api/profile/v1/persons/1042`, { headers: auth })).statusCode).toBe(503);
    const stats = (await (await request(`${sim.url}/__admin/stats`)).body.json()) as { endpoints: Record<string, number> };
    expect(stats.endpoints['GET /api/profile/v1/persons/:personId']).toBe(2);
  });
});
