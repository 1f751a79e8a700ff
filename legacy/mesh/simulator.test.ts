import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../kit';
import { Population, type Person } from '../population';
import { createMeshSimulator, MESH_PREFIX, RETRY_AFTER_SECONDS } from './index';

interface Child {
  id: number;
  contract_id: number;
  class_name: string;
  class_unit_id: number;
  school: { id: number; name: string };
}

describe('MESH simulator', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const isPupil = (id: number): boolean => {
    const child = population.person(id);
    return child?.meshPersonId != null && population.ageOf(child) >= 8;
  };
  const parent = population.findAdult((p) => p.childIds.length === 3 && p.childIds.every(isPupil));
  const kids = parent.childIds.map((id) => population.person(id) as Person);
  const meshIds = kids.map((k) => k.meshPersonId as string);
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.some(isPupil));
  const strangersChild = population.person(stranger.childIds.find(isPupil) as number) as Person;
  const headers = (profileId: number | string = parent.id): Record<string, string> => ({
    authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`,
    'x-mes-subsystem': 'familymp',
    'profile-id': String(profileId),
  });
  let sim: RunningSimulator;

  const get = async <T = Record<string, unknown>>(path: string, h: Record<string, string> = headers()) => {
    const res = await request(`${sim.url}${path}`, { headers: h });
    return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as T };
  };
  const profile = async (): Promise<Child[]> =>
    (await get<{ children: Child[] }>(`${MESH_PREFIX}/profile?student_ids=${meshIds.join(',')}`)).body.children;

  beforeAll(async () => {
    sim = await startSimulator(createMeshSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.stats.reset();
    sim.faults.clear();
  });

  it('answers the profile batch with school, class and contract of each child named', async () => {
    const children = await profile();
    expect(children.map((c) => String(c.id))).toEqual(meshIds);
    children.forEach((child, i) => {
      const level = Math.min(11, population.ageOf(kids[i]!) - 6);
      expect(child.class_name).toMatch(new RegExp(`^${level}-[АБВГ]$`));
      expect(child.school.name).toMatch(/^ГБОУ Школа № \d+$/);
      expect(Number.isInteger(child.contract_id) && Number.isInteger(child.class_unit_id)).toBe(true);
    });
    // Siblings living together go to the school of their building.
    expect(new Set(children.map((c) => c.school.id)).size).toBe(1);
    // Without student_ids the profile lists every school-age child it represents.
    const all = await get<{ profile: { type: string }; children: Child[] }>(`${MESH_PREFIX}/profile`);
    expect(all.body.profile.type).toBe('parent');
    expect(all.body.children.map((c) => String(c.id)).sort()).toEqual([...meshIds].sort());
    expect(await profile()).toEqual(children);
  });

  it('serves marks of three children in one call, each naming its student, none in the future', async () => {
    const { status, body } = await get<{ payload: Array<Record<string, unknown>> }>(
      `${MESH_PREFIX}/marks?student_id=${meshIds.join(',')}&from=2026-11-01&to=2026-11-30`,
    );
    expect(status).toBe(200);
    expect(sim.stats.snapshot().endpoints).toEqual({ [`GET ${MESH_PREFIX}/marks`]: 1 });
    expect(new Set(body.payload.map((m) => String(m.student_id)))).toEqual(new Set(meshIds));
    for (const mark of body.payload) {
      expect(typeof mark.value).toBe('string');
      expect(mark.date as string >= '2026-11-01' && (mark.date as string) <= '2026-11-21').toBe(true);
      expect(mark).toEqual(expect.objectContaining({ weight: expect.any(Number), subject_name: expect.any(String), is_exam: expect.any(Boolean) }));
    }
    const five = body.payload.find((m) => /^[2-5]$/.test(m.value as string))!;
    expect(five.values).toEqual([{ grade_system_type: 'five', grade: { five: Number(five.value), hundred: expect.any(Number), origin: five.value } }]);
  });

  it('serves homework due in the range for several children, the future included', async () => {
    const { body } = await get<{ payload: Array<{ student_id: number; date: string; date_assigned_on: string; is_done: boolean }> }>(
      `${MESH_PREFIX}/homeworks/short?student_id=${meshIds.join(',')}&from=2026-11-16&to=2026-11-27`,
    );
    expect(new Set(body.payload.map((h) => String(h.student_id)))).toEqual(new Set(meshIds));
    expect(body.payload.every((h) => h.date >= '2026-11-16' && h.date <= '2026-11-27' && h.date_assigned_on < h.date)).toBe(true);
    expect(body.payload.some((h) => h.date > '2026-11-21')).toBe(true);
  });

  it('takes Russian dates on visits, answers them in the Russian form and pages with page/per_page', async () => {
    const children = await profile();
    const base = `${MESH_PREFIX}/visits?student_id=${meshIds.join(',')}&contract_id=${children.map((c) => c.contract_id).join(',')}`;
    const iso = await get<{ type: string; details: { parameter: string } }>(`${base}&from=2026-11-02&to=2026-11-21`);
    expect(iso.status).toBe(400);
    expect(iso.body).toMatchObject({ type: 'validation', details: { parameter: 'from' } });

    const first = await get<{ payload: Array<{ student_id: number; date: string; visits: Array<{ in: string }> }>; total_count: number }>(
      `${base}&from=02.11.2026&to=21.11.2026&page=1&per_page=20`,
    );
    expect(first.status).toBe(200);
    const rest = await get<{ payload: unknown[] }>(`${base}&from=02.11.2026&to=21.11.2026&page=2&per_page=20`);
    expect(first.body.payload.length + rest.body.payload.length).toBe(Math.min(40, first.body.total_count));
    expect(first.body.payload[0]!.date).toMatch(/^\d{2}\.11\.2026$/);
    expect(first.body.payload[0]!.visits[0]!.in).toMatch(/^\d{2}:\d{2}$/);

    const swapped = await get(`${MESH_PREFIX}/visits?student_id=${meshIds[0]}&contract_id=${children[1]!.contract_id}&from=02.11.2026&to=21.11.2026`);
    expect(swapped.status).toBe(400);
  });

  it('gives the event calendar lessons with Moscow times without an offset, per person', async () => {
    const { body } = await get<{ total_count: number; response: Array<{ person_id: string; start_at: string }> }>(
      `/api/eventcalendar/v1/api/events?person_ids=${meshIds.join(',')}&begin_date=2026-11-20&end_date=2026-11-20`,
    );
    expect(body.total_count).toBe(body.response.length);
    expect(new Set(body.response.map((e) => e.person_id))).toEqual(new Set(meshIds));
    expect(body.response.every((e) => /^2026-11-20T\d{2}:\d{2}:00$/.test(e.start_at))).toBe(true);
    expect(body.response.map((e) => e.start_at)).toContain('2026-11-20T08:30:00');
  });

  it('keeps meals accounts in kopecks, batched by contract, with cursor pages of days', async () => {
    const children = await profile();
    const contracts = children.map((c) => c.contract_id);
    const single = await get<{ contract_id: number; balance: number }>(`/api/meals/v1/clients?contract_id=${contracts[0]}`);
    expect(single.body).toEqual({ contract_id: contracts[0], balance: expect.any(Number), preorderAllowed: expect.any(Boolean) });
    const batch = await get<Array<{ contract_id: number; balance: number }>>(`/api/meals/v1/clients?contract_id=${contracts.join(',')}`);
    expect(batch.body.map((c) => c.contract_id)).toEqual(contracts);
    expect(batch.body[0]!.balance).toBe(single.body.balance);
    expect(Number.isInteger(single.body.balance)).toBe(true);

    type Page = { balance: number; hasNextPage: boolean; days: Array<{ date: string; expense: number }> };
    const page1 = await get<Page>(`${MESH_PREFIX}/day_balance_info?contract_id=${contracts[0]}&first=5`);
    const last = page1.body.days[page1.body.days.length - 1]!.date;
    const page2 = await get<Page>(`${MESH_PREFIX}/day_balance_info?contract_id=${contracts[0]}&first=5&after=${last}`);
    expect(page1.body.hasNextPage).toBe(true);
    expect(page1.body.balance).toBe(single.body.balance);
    expect(page2.body.days[0]!.date < last).toBe(true);
    expect(page1.body.days.every((d) => d.date <= '2026-11-21' && Number.isInteger(d.expense))).toBe(true);
  });

  it('answers 401 in its own shape without the service token, the subsystem or a known profile', async () => {
    const { 'x-mes-subsystem': _subsystem, ...noSubsystem } = headers();
    for (const h of [{}, { ...headers(), authorization: 'Bearer wrong' }, noSubsystem, headers('not-a-profile')]) {
      const res = await get(`${MESH_PREFIX}/profile`, h);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ type: 'authentication', description: expect.any(String), details: null });
    }
  });

  it('refuses a child the profile does not represent, and does not know a made-up id', async () => {
    const foreign = await get(`${MESH_PREFIX}/marks?student_id=${meshIds[0]},${strangersChild.meshPersonId}&from=2026-11-01&to=2026-11-21`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ type: 'access_denied' });
    const unknown = await get(`${MESH_PREFIX}/marks?student_id=39999999999&from=2026-11-01&to=2026-11-21`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'not_found' });
    // In a list an unknown id is left out rather than failing the family.
    const mixed = await get<{ payload: Array<{ student_id: number }> }>(`${MESH_PREFIX}/marks?student_id=${meshIds[0]},39999999999&from=2026-11-01&to=2026-11-21`);
    expect(mixed.status).toBe(200);
    expect(mixed.body.payload.every((m) => String(m.student_id) === meshIds[0])).toBe(true);
  });

  it('rate-limits with 429 and Retry-After when told to', async () => {
    sim.faults.set({ endpoint: `GET ${MESH_PREFIX}/marks`, errorRate: 1, status: 429 });
    const res = await get(`${MESH_PREFIX}/marks?student_id=${meshIds[0]}&from=2026-11-01&to=2026-11-21`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.body).toMatchObject({ type: 'rate_limit', details: null });
  });
});
