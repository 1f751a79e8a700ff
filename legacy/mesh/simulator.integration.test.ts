import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../kit';
import { type Person, Population } from '../population';
import { createMeshSimulator, MESH_PREFIX, RETRY_AFTER_SECONDS, TOKEN_REFRESH_PATH } from './index';

interface Child {
  id: number;
  contract_id: number;
  class_name: string;
  class_unit_id: number;
  school: { id: number; name: string };
  contingent_guid: string;
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
  /** What OctoDiary-py sends to the event calendar: the token, the subsystem and the role, no profile. */
  const calendarHeaders = (role = 'parent'): Record<string, string> => ({
    authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`,
    'x-mes-subsystem': 'familymp',
    'client-type': 'diary-mobile',
    'x-mes-role': role,
  });
  let sim: RunningSimulator;

  const get = async <T = Record<string, unknown>>(path: string, h: Record<string, string> = headers()) => {
    const res = await request(`${sim.url}${path}`, { headers: h });
    return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as T };
  };
  const profile = async (): Promise<Child[]> => (await get<{ children: Child[] }>(`${MESH_PREFIX}/profile?student_ids=${meshIds.join(',')}`)).body.children;

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

  it('gives each child the fields OctoDiary-py reads, the contingent GUID among them', async () => {
    const children = (await get<{ children: Array<Record<string, unknown>> }>(`${MESH_PREFIX}/profile`)).body.children;
    const guids = children.map((c) => c.contingent_guid as string);
    for (const guid of guids) expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(guids).size).toBe(guids.length);
    expect(children[0]).toMatchObject({
      user_id: expect.any(Number),
      is_legal_representative: true,
      enrollment_date: expect.stringMatching(/^\d{4}-09-01$/),
      groups: [],
      school: { global_school_id: expect.any(Number) },
    });
  });

  it('serves marks of three children in one call, each naming its student, none in the future', async () => {
    const { status, body } = await get<{ payload: Array<Record<string, unknown>> }>(`${MESH_PREFIX}/marks?student_id=${meshIds.join(',')}&from=2026-11-01&to=2026-11-30`);
    expect(status).toBe(200);
    expect(sim.stats.snapshot().endpoints).toEqual({ [`GET ${MESH_PREFIX}/marks`]: 1 });
    expect(new Set(body.payload.map((m) => String(m.student_id)))).toEqual(new Set(meshIds));
    for (const mark of body.payload) {
      expect(typeof mark.value).toBe('string');
      expect((mark.date as string) >= '2026-11-01' && (mark.date as string) <= '2026-11-21').toBe(true);
      expect(mark).toEqual(
        expect.objectContaining({
          weight: expect.any(Number),
          subject_name: expect.any(String),
          is_exam: expect.any(Boolean),
          comment_exists: expect.any(Boolean),
          created_at: expect.stringMatching(/\+03:00$/),
        }),
      );
    }
    const five = body.payload.find((m) => /^[2-5]$/.test(m.value as string))!;
    expect(five.values).toEqual([{ name: null, grade_system_id: null, grade_system_type: 'five', grade: { five: Number(five.value), hundred: expect.any(Number), origin: five.value } }]);
  });

  it('answers a call for one student as the real API does: no student on the items', async () => {
    const marks = await get<{ payload: Array<Record<string, unknown>> }>(`${MESH_PREFIX}/marks?student_id=${meshIds[0]}&from=2026-11-01&to=2026-11-21`);
    expect(marks.body.payload.length).toBeGreaterThan(0);
    expect(marks.body.payload.every((m) => !('student_id' in m))).toBe(true);
    const homework = await get<{ payload: Array<Record<string, unknown>> }>(
      `${MESH_PREFIX}/homeworks/short?student_id=${meshIds[0]}&from=2026-11-16&to=2026-11-27&sort_column=date&sort_direction=asc`,
    );
    expect(homework.body.payload.length).toBeGreaterThan(0);
    for (const h of homework.body.payload) {
      expect(h).not.toHaveProperty('student_id');
      expect(h).not.toHaveProperty('homework_entry_id');
      expect(h).toMatchObject({ homework_entry_student_id: expect.any(Number), materials_count: [], has_written_answer: false, has_teacher_answer: false });
    }
  });

  it('serves homework due in the range for several children, the future included', async () => {
    const { body } = await get<{ payload: Array<{ student_id: number; date: string; date_assigned_on: string; is_done: boolean }> }>(
      `${MESH_PREFIX}/homeworks/short?student_id=${meshIds.join(',')}&from=2026-11-16&to=2026-11-27`,
    );
    expect(new Set(body.payload.map((h) => String(h.student_id)))).toEqual(new Set(meshIds));
    expect(body.payload.every((h) => h.date >= '2026-11-16' && h.date <= '2026-11-27' && h.date_assigned_on < h.date)).toBe(true);
    expect(body.payload.some((h) => h.date > '2026-11-21')).toBe(true);
  });

  it('takes visit dates as YYYY-MM-DD, as the mobile client sends them, and pages with page/per_page', async () => {
    const children = await profile();
    const base = `${MESH_PREFIX}/visits?student_id=${meshIds.join(',')}&contract_id=${children.map((c) => c.contract_id).join(',')}`;
    const russian = await get<{ type: string; details: { parameter: string } }>(`${base}&from=02.11.2026&to=21.11.2026`);
    expect(russian.status).toBe(400);
    expect(russian.body).toMatchObject({ type: 'validation', details: { parameter: 'from' } });

    const first = await get<{ payload: Array<{ student_id: number; date: string; visits: Array<Record<string, unknown>> }>; total_count: number }>(
      `${base}&from=2026-11-02&to=2026-11-21&page=1&per_page=20`,
    );
    expect(first.status).toBe(200);
    const rest = await get<{ payload: unknown[] }>(`${base}&from=2026-11-02&to=2026-11-21&page=2&per_page=20`);
    expect(first.body.payload.length + rest.body.payload.length).toBe(Math.min(40, first.body.total_count));
    expect(first.body.payload[0]!.date).toMatch(/^2026-11-\d{2}$/);
    expect(first.body.payload[0]!.visits[0]).toMatchObject({ in: expect.stringMatching(/^\d{2}:\d{2}$/), type: 'school', is_warning: expect.any(Boolean), short_name: expect.any(String) });

    // One child, as OctoDiary-py asks: the days name no student.
    const one = await get<{ payload: Array<Record<string, unknown>> }>(
      `${MESH_PREFIX}/visits?student_id=${meshIds[0]}&contract_id=${children[0]!.contract_id}&from=2026-11-02&to=2026-11-21`,
    );
    expect(one.body.payload.length).toBeGreaterThan(0);
    expect(one.body.payload.every((d) => !('student_id' in d))).toBe(true);

    const swapped = await get(`${MESH_PREFIX}/visits?student_id=${meshIds[0]}&contract_id=${children[1]!.contract_id}&from=2026-11-02&to=2026-11-21`);
    expect(swapped.status).toBe(400);
  });

  it('gives the event calendar lessons by contingent GUID and x-mes-role, with Moscow times without an offset', async () => {
    const guids = (await profile()).map((c) => c.contingent_guid);
    const events = (query: string, h: Record<string, string>) => get<{ total_count: number; response: Array<Record<string, unknown>> }>(`/api/eventcalendar/v1/api/events?${query}`, h);

    // As OctoDiary-py asks: one child's GUID, the role, no profile-id; the lessons name no one.
    const one = await events(`person_ids=${guids[0]}&begin_date=2026-11-20&end_date=2026-11-20&expand=marks,homework,absence_reason_id`, calendarHeaders());
    expect(one.status).toBe(200);
    expect(one.body.total_count).toBe(one.body.response.length);
    expect(one.body.response.map((e) => e.start_at)).toContain('2026-11-20T08:30:00');
    for (const lesson of one.body.response) {
      expect(lesson).not.toHaveProperty('person_id');
      expect(lesson).toMatchObject({
        source: 'PLAN',
        subject_name: expect.any(String),
        room_number: expect.any(String),
        is_missed_lesson: expect.any(Boolean),
        class_unit_ids: [expect.any(Number)],
      });
      expect(lesson.start_at).toMatch(/^2026-11-20T\d{2}:\d{2}:00$/);
    }

    // *(designed)* Several GUIDs in one call, each lesson naming its child.
    const family = await events(`person_ids=${guids.join(',')}&begin_date=2026-11-20&end_date=2026-11-20`, { ...calendarHeaders(), 'profile-id': String(parent.id) });
    expect(new Set(family.body.response.map((e) => e.person_id))).toEqual(new Set(guids));

    // The numeric MESH id is not how the calendar names a child.
    expect((await events(`person_ids=${meshIds[0]}&begin_date=2026-11-20&end_date=2026-11-20`, calendarHeaders())).status).toBe(400);
    // Without the role, or with a role the profile does not have, the calendar refuses.
    const { 'x-mes-role': _role, ...noRole } = calendarHeaders();
    expect((await events(`person_ids=${guids[0]}&begin_date=2026-11-20&end_date=2026-11-20`, noRole)).status).toBe(401);
    const wrongRole = await events(`person_ids=${guids[0]}&begin_date=2026-11-20&end_date=2026-11-20`, { ...calendarHeaders('student'), 'profile-id': String(parent.id) });
    expect(wrongRole.status).toBe(403);
    const strangersGuid = (await get<{ children: Child[] }>(`${MESH_PREFIX}/profile`, headers(stranger.id))).body.children[0]!.contingent_guid;
    const foreign = await events(`person_ids=${strangersGuid}&begin_date=2026-11-20&end_date=2026-11-20`, { ...calendarHeaders(), 'profile-id': String(parent.id) });
    expect(foreign.status).toBe(403);
  });

  it('keeps meals accounts in kopecks, batched by contract, with cursor pages of days', async () => {
    const children = await profile();
    const contracts = children.map((c) => c.contract_id);
    type Client = { clientId: { contractId: number }; balance: number };
    const single = await get<Client>(`/api/meals/v1/clients?contract_id=${contracts[0]}`);
    expect(single.body).toEqual({
      clientId: { contractId: contracts[0], staffId: null, personId: children[0]!.contingent_guid },
      organization: { name: children[0]!.school.name, type: 'school', address: expect.stringMatching(/^г\. Москва/) },
      preorderAllowed: expect.any(Boolean),
      balance: expect.any(Number),
      foodboxAllowed: false,
      foodboxAvailable: false,
    });
    const batch = await get<Client[]>(`/api/meals/v1/clients?contract_id=${contracts.join(',')}`);
    expect(batch.body.map((c) => c.clientId.contractId)).toEqual(contracts);
    expect(batch.body[0]!.balance).toBe(single.body.balance);
    expect(Number.isInteger(single.body.balance)).toBe(true);

    type Page = {
      balance: number;
      hasNextPage: boolean;
      days: Array<{
        date: string;
        expense: number;
        transactions: Array<{ type: string; time: string; amount: number; items: Array<{ count: number; title: string; price: number; consist: string[] }> }>;
      }>;
    };
    const page1 = await get<Page>(`${MESH_PREFIX}/day_balance_info?contract_id=${contracts[0]}&first=5`);
    const last = page1.body.days[page1.body.days.length - 1]!.date;
    const page2 = await get<Page>(`${MESH_PREFIX}/day_balance_info?contract_id=${contracts[0]}&first=5&after=${last}`);
    expect(page1.body.hasNextPage).toBe(true);
    expect(page1.body.balance).toBe(single.body.balance);
    expect(page2.body.days[0]!.date < last).toBe(true);
    expect(page1.body.days.every((d) => d.date <= '2026-11-21' && Number.isInteger(d.expense))).toBe(true);
    const transactions = [...page1.body.days, ...page2.body.days].flatMap((d) => d.transactions);
    for (const t of transactions) {
      expect(Number.isInteger(t.amount)).toBe(true);
      expect(t.time).toMatch(/^\d{2}:\d{2}$/);
      if (t.type === 'purchase') expect(t.items).toEqual([{ count: 1, title: expect.any(String), price: t.amount, consist: expect.any(Array) }]);
      else expect(t).toMatchObject({ type: 'refill', items: [] });
    }
    for (const day of page1.body.days) {
      expect(day.expense).toBe(day.transactions.filter((t) => t.type === 'purchase').reduce((n, t) => n + t.amount, 0));
    }
  });

  it('answers the routes OctoDiary-py calls that the graph does not use', async () => {
    const children = await profile();
    const child = children[0]!;
    const status = await get<{ students: Array<{ balance: number; contract_id: number; at_school: boolean }> }>(
      `${MESH_PREFIX}/status?contract_ids=${children.map((c) => c.contract_id).join(',')}`,
    );
    expect(status.body.students.map((s) => s.contract_id)).toEqual(children.map((c) => c.contract_id));
    expect(status.body.students.every((s) => Number.isInteger(s.balance) && typeof s.at_school === 'boolean')).toBe(true);

    const info = await get<Record<string, unknown>>(`${MESH_PREFIX}/school_info?school_id=${child.school.id}&class_unit_id=${child.class_unit_id}`);
    expect(info.body).toMatchObject({
      id: child.school.id,
      name: child.school.name,
      principal: expect.any(String),
      address: { address: expect.any(String) },
      branches: [{ is_main_building: true }],
    });
    expect((info.body.teachers as unknown[]).length).toBeGreaterThan(3);
    expect((await get(`${MESH_PREFIX}/school_info?school_id=${child.school.id}&class_unit_id=1`)).status).toBe(404);

    const periods = await get<Array<{ date: string; type: string; title: string }>>(`${MESH_PREFIX}/periods_schedules?student_id=${child.id}&from=2026-11-01&to=2026-11-09`);
    expect(periods.body.map((p) => p.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']);
    expect(periods.body.map((p) => p.type)).toEqual(['weekend', 'workday', 'workday', 'holiday', 'workday', 'workday', 'weekend', 'weekend', 'workday']);

    const subjects = await get<{ payload: Array<{ subject_id: number; subject_name: string }> }>(`${MESH_PREFIX}/subjects/list?student_id=${child.id}`);
    expect(subjects.body.payload.length).toBeGreaterThan(5);
    const short = await get<{ payload: Array<{ subject_id: number; average: string | null; period: string; count: number; marks: unknown[]; start: string; end: string }> }>(
      `${MESH_PREFIX}/subject_marks/short?student_id=${child.id}`,
    );
    expect(short.body.payload.map((p) => p.subject_id)).toEqual(subjects.body.payload.map((p) => p.subject_id));
    for (const subject of short.body.payload) {
      expect(subject).toMatchObject({ period: '2 четверть', start: '2026-11-02', end: '2026-12-28' });
      expect(subject.count).toBe(subject.marks.length);
      if (subject.average !== null) expect(subject.average).toMatch(/^[2-5]\.\d{2}$/);
    }
    expect(short.body.payload.some((p) => p.count > 0)).toBe(true);
    // One student per call: these routes have no batch form.
    expect((await get(`${MESH_PREFIX}/subjects/list?student_id=${meshIds.join(',')}`)).status).toBe(400);
  });

  it('answers one student per call with the batch forms off, as the real MESH does', async () => {
    const real = await startSimulator(createMeshSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }, { batchForms: false }), { clock });
    try {
      const at = (path: string) =>
        request(`${real.url}${path}`, { headers: headers() }).then(async (res) => ({ status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }));
      const list = await at(`${MESH_PREFIX}/marks?student_id=${meshIds.join(',')}&from=2026-11-01&to=2026-11-21`);
      expect(list.status).toBe(400);
      expect(list.body).toMatchObject({ type: 'validation', details: { parameter: 'student_id' } });
      expect((await at(`/api/meals/v1/clients?contract_id=1000000000,1000000001`)).status).toBe(400);
      // The profile has no student filter: it lists every child.
      const profileReply = await at(`${MESH_PREFIX}/profile?student_ids=${meshIds[0]}`);
      expect((profileReply.body.children as unknown[]).length).toBe(meshIds.length);
      const one = await at(`${MESH_PREFIX}/marks?student_id=${meshIds[0]}&from=2026-11-01&to=2026-11-21`);
      expect(one.status).toBe(200);
    } finally {
      await real.close();
    }
  });

  describe('its tokens', () => {
    const refresh = (h: Record<string, string>) => request(`${sim.url}${TOKEN_REFRESH_PATH}`, { headers: h });

    it('takes the token as Bearer, as Auth-Token or as the aupd_token cookie, as the mobile client sends it', async () => {
      const base = { 'x-mes-subsystem': 'familymp', 'profile-id': String(parent.id) };
      const carriers: Array<Record<string, string>> = [
        { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` },
        { 'auth-token': DEFAULT_SERVICE_TOKEN },
        { cookie: `aupdtoken=x; aupd_token=${DEFAULT_SERVICE_TOKEN}` },
      ];
      for (const carrier of carriers) {
        expect((await get(`${MESH_PREFIX}/profile`, { ...base, ...carrier })).status).toBe(200);
      }
    });

    it('refreshes a token into a session token that lives a day, refreshable for a week after', async () => {
      const first = await refresh({ authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/text\/plain/);
      const session = await first.body.text();
      const withSession = { ...headers(), authorization: `Bearer ${session}` };
      expect((await get(`${MESH_PREFIX}/profile`, withSession)).status).toBe(200);
      const issued = clock.now();
      try {
        clock.set(new Date(issued.getTime() + 25 * 3_600_000));
        const expired = await get(`${MESH_PREFIX}/profile`, withSession);
        expect(expired.status).toBe(401);
        expect(expired.body).toMatchObject({ type: 'authentication' });
        const renewed = await refresh({ authorization: `Bearer ${session}` });
        expect(renewed.statusCode).toBe(200);
        expect((await get(`${MESH_PREFIX}/profile`, { ...headers(), authorization: `Bearer ${await renewed.body.text()}` })).status).toBe(200);
        clock.set(new Date(issued.getTime() + 9 * 86_400_000));
        const tooLate = await refresh({ authorization: `Bearer ${session}` });
        expect(tooLate.statusCode).toBe(401);
        await tooLate.body.text();
      } finally {
        clock.set(issued);
      }
      const forged = await refresh({ authorization: 'Bearer forged' });
      expect(forged.statusCode).toBe(401);
      await forged.body.text();
    });
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
