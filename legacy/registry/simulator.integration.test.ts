import { request } from 'undici';
import { addDays, dayOfAge, moscowDate } from '../../platform/time';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../kit';
import { Population } from '../population';
import { createRegistrySimulator } from './simulator';

describe('registry simulator', () => {
  const population = new Population();
  let sim: RunningSimulator;
  const auth = { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` };

  beforeAll(async () => {
    const clock = new AdjustableClock();
    sim = await startSimulator(createRegistrySimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
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
    const today = moscowDate(new Date());
    const parent = population.findAdult((p) => p.childIds.length === 3 && population.minorChildrenOf(p, today).length === 3);
    const res = await request(`${sim.url}/api/profile/v1/persons/${parent.id}/children`, { headers: auth });
    const body = (await res.body.json()) as { children: { id: string }[] };
    expect(body.children.map((c) => c.id)).toEqual(parent.childIds.map(String));
  });

  it("stops listing a child on the 18th birthday (Moscow date, on the simulator's clock)", async () => {
    const parent = population.findAdult((p) => p.childIds.some((id) => population.ageOf(population.person(id)!) === 17));
    const eldest = population.person(parent.childIds.find((id) => population.ageOf(population.person(id)!) === 17)!)!;
    const birthday = dayOfAge(eldest.birthDate, 18);
    const childrenOn = async (now: string): Promise<string[]> => {
      await request(`${sim.url}/__admin/clock`, { method: 'POST', body: JSON.stringify({ now }) });
      const res = await request(`${sim.url}/api/profile/v1/persons/${parent.id}/children`, { headers: auth });
      return ((await res.body.json()) as { children: { id: string }[] }).children.map((c) => c.id);
    };
    try {
      // 23:59 Moscow on the eve is still the day before; 00:00 Moscow is 21:00 UTC the evening before.
      expect(await childrenOn(`${addDays(birthday, -1)}T23:59:00+03:00`)).toContain(String(eldest.id));
      expect(await childrenOn(`${birthday}T00:00:00+03:00`)).not.toContain(String(eldest.id));
    } finally {
      await request(`${sim.url}/__admin/clock`, { method: 'POST', body: JSON.stringify({ now: null }) });
    }
  });

  it('counts requests per endpoint and breaks on demand', async () => {
    await request(`${sim.url}/api/profile/v1/persons/1042`, { headers: auth });
    await request(`${sim.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ endpoint: 'GET /api/profile/v1/persons/:personId', errorRate: 1, status: 503 }) });
    expect((await request(`${sim.url}/api/profile/v1/persons/1042`, { headers: auth })).statusCode).toBe(503);
    const stats = (await (await request(`${sim.url}/__admin/stats`)).body.json()) as { endpoints: Record<string, number> };
    expect(stats.endpoints['GET /api/profile/v1/persons/:personId']).toBe(2);
  });
});
