import { Writable } from 'node:stream';
import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { createMeshSimulator, TOKEN_REFRESH_PATH } from '../../legacy/mesh';
import { type Person, Population } from '../../legacy/population';
import { createLogger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { LegacyTransport } from '../transport';
import { MESH_ENDPOINTS, MeshClient } from './client';
import type { StudentCalendarRef, StudentContract, StudentProfile } from './port';

const REFRESH = `GET ${TOKEN_REFRESH_PATH}`;

/** Log lines kept in memory, to show what the adapter writes. */
class MemoryLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

const calendarRefs = (students: Map<string, StudentProfile>): StudentCalendarRef[] =>
  [...students.values()].map((s) => ({ meshPersonId: s.meshPersonId, contingentGuid: s.contingentGuid!, viewerRole: s.viewerRole }));

describe('MeshClient against the MESH simulator', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const isPupil = (id: number): boolean => {
    const child = population.person(id);
    return child?.meshPersonId != null && population.ageOf(child) >= 8;
  };
  const parent = population.findAdult((p) => p.childIds.length === 3 && p.childIds.every(isPupil));
  const meshIds = parent.childIds.map((id) => (population.person(id) as Person).meshPersonId as string);
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.some(isPupil));
  const strangersChild = population.person(stranger.childIds.find(isPupil) as number) as Person;
  /** MESH answers for the signed-in parent's profile. */
  const profileId = String(parent.id);
  const november = { from: '2026-11-01', to: '2026-11-21' };
  const mesh = simulatorUnderTest({
    system: 'mesh',
    simulator: () => createMeshSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
    clock,
    transport: { timeoutMs: 1000 },
  });
  let client: MeshClient;

  beforeAll(() => {
    client = new MeshClient({ transport: mesh.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });

  const contracts = async (): Promise<StudentContract[]> =>
    [...(await client.getStudents(profileId, meshIds)).values()].map((s) => ({ meshPersonId: s.meshPersonId, contractId: s.contractId! }));

  it('reads a family of three with one call per endpoint', async () => {
    const students = await client.getStudents(profileId, meshIds);
    const withContracts = [...students.values()].map((s) => ({ meshPersonId: s.meshPersonId, contractId: s.contractId! }));
    const [marks, homework, schedule, visits, meals] = await Promise.all([
      client.getMarks(profileId, meshIds, november),
      client.getHomework(profileId, meshIds, { from: '2026-11-16', to: '2026-11-22' }),
      client.getSchedule(profileId, calendarRefs(students), { from: '2026-11-20', to: '2026-11-20' }),
      client.getVisits(profileId, withContracts, november),
      client.getMealsAccounts(
        profileId,
        withContracts.map((s) => s.contractId),
      ),
    ]);
    expect([...students.keys()]).toEqual(meshIds);
    expect(students.get(meshIds[0]!)!.className).toMatch(/^\d{1,2}-[А-Я]$/);
    for (const id of meshIds) {
      expect(marks.get(id)!.length).toBeGreaterThan(0);
      expect(marks.get(id)!.every((m) => m.studentId === id && m.date >= november.from && m.date <= november.to)).toBe(true);
      expect(homework.get(id)!.length).toBeGreaterThan(0);
      expect(schedule.get(id)!.length).toBeGreaterThan(0);
      expect(schedule.get(id)!.every((l) => l.studentId === id && l.startsAt.endsWith('+03:00'))).toBe(true);
      expect(visits.get(id)!.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.date))).toBe(true);
    }
    expect(meals.size).toBe(3);
    expect(mesh.sim.stats.snapshot().endpoints).toEqual(
      Object.fromEntries(
        [MESH_ENDPOINTS.profile, MESH_ENDPOINTS.marks, MESH_ENDPOINTS.homework, MESH_ENDPOINTS.events, MESH_ENDPOINTS.visits, MESH_ENDPOINTS.mealsClients].map((e) => [e, 1]),
      ),
    );
  });

  it('reads every page of visits over a quarter', async () => {
    const students = await contracts();
    mesh.sim.stats.reset();
    const visits = await client.getVisits(profileId, students, { from: '2026-09-01', to: '2026-11-30' });
    const total = [...visits.values()].reduce((n, list) => n + list.length, 0);
    expect(total).toBeGreaterThan(100);
    expect(mesh.sim.stats.snapshot().endpoints[MESH_ENDPOINTS.visits]).toBe(Math.ceil(total / 100));
    expect(new Set(visits.get(meshIds[0]!)!.map((v) => v.date)).size).toBe(visits.get(meshIds[0]!)!.length);
  });

  it('reads meal days page after page', async () => {
    const [first] = await contracts();
    const page1 = await client.getMealDays(profileId, first!.contractId, { first: 5 });
    const page2 = await client.getMealDays(profileId, first!.contractId, { first: 5, after: page1.days[4]!.date });
    expect(page1.days).toHaveLength(5);
    expect(page2.days[0]!.date < page1.days[4]!.date).toBe(true);
    expect(page1.balanceKopecks).toBe((await client.getMealsAccounts(profileId, [first!.contractId])).get(first!.contractId)!.balanceKopecks);
  });

  it('treats an id MESH does not know as having no data', async () => {
    expect((await client.getStudents(profileId, ['39999999999'])).size).toBe(0);
    expect((await client.getMarks(profileId, ['39999999999'], november)).get('39999999999')).toEqual([]);
  });

  it('passes on MESH refusing a child the profile does not represent as FORBIDDEN', async () => {
    await expect(client.getMarks(profileId, [strangersChild.meshPersonId!], november)).rejects.toMatchObject({ code: 'FORBIDDEN', system: 'mesh' });
  });

  it('turns a refused service token into LEGACY_BAD_RESPONSE, after one refresh that is refused too', async () => {
    const wrong = new MeshClient({ transport: mesh.transport, serviceToken: 'wrong' });
    await expect(wrong.getMarks(profileId, meshIds, november)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
    expect(mesh.sim.stats.snapshot().endpoints).toEqual({ [MESH_ENDPOINTS.marks]: 1, [REFRESH]: 1 });
  });

  it("asks the event calendar by contingent GUID, in the profile's role, as the mobile client does", async () => {
    const students = await client.getStudents(profileId, meshIds);
    const refs = calendarRefs(students);
    expect(refs.every((r) => /^[0-9a-f-]{36}$/.test(r.contingentGuid) && r.viewerRole === 'parent')).toBe(true);
    const one = await client.getSchedule(profileId, refs.slice(0, 1), { from: '2026-11-20', to: '2026-11-20' });
    const all = await client.getSchedule(profileId, refs, { from: '2026-11-20', to: '2026-11-20' });
    expect(one.get(meshIds[0]!)).toEqual(all.get(meshIds[0]!));
    // A profile that is not the children's parent cannot read their calendar.
    await expect(client.getSchedule(String(stranger.id), refs, { from: '2026-11-20', to: '2026-11-20' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('against a MESH without the batch forms, as the real one', () => {
    let real: RunningSimulator;
    let realTransport: LegacyTransport;
    let realClient: MeshClient;

    beforeAll(async () => {
      real = await startSimulator(createMeshSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }, { batchForms: false }), { clock });
      realTransport = new LegacyTransport({ system: 'mesh', baseUrl: real.url, timeoutMs: 1000 });
      realClient = new MeshClient({ transport: realTransport, serviceToken: DEFAULT_SERVICE_TOKEN });
    });
    afterAll(async () => {
      await realTransport.close();
      await real.close();
    });

    it('reads the same family, one student at a time after MESH refuses the first batch, and remembers', async () => {
      const students = await client.getStudents(profileId, meshIds);
      const contractsOf = [...students.values()].map((s) => ({ meshPersonId: s.meshPersonId, contractId: s.contractId! }));
      const read = (c: MeshClient, profiles: Map<string, StudentProfile>) =>
        Promise.all([
          c.getMarks(profileId, meshIds, november),
          c.getHomework(profileId, meshIds, { from: '2026-11-16', to: '2026-11-22' }),
          c.getSchedule(profileId, calendarRefs(profiles), { from: '2026-11-20', to: '2026-11-20' }),
          c.getVisits(profileId, contractsOf, november),
          c.getMealsAccounts(
            profileId,
            contractsOf.map((s) => s.contractId),
          ),
        ]);
      const realStudents = await realClient.getStudents(profileId, meshIds);
      expect(realStudents).toEqual(students);
      real.stats.reset();
      expect(await read(realClient, realStudents)).toEqual(await read(client, students));
      // The first batch of each endpoint is refused (400), then each child is asked alone.
      const perEndpoint = 1 + meshIds.length;
      expect(real.stats.snapshot().endpoints).toEqual(
        Object.fromEntries([MESH_ENDPOINTS.marks, MESH_ENDPOINTS.homework, MESH_ENDPOINTS.events, MESH_ENDPOINTS.visits, MESH_ENDPOINTS.mealsClients].map((e) => [e, perEndpoint])),
      );
      real.stats.reset();
      await read(realClient, realStudents);
      expect(real.stats.snapshot().total).toBe(5 * meshIds.length);
    });
  });

  describe('its token', () => {
    /** A session token from MESH, as a client that signed in would hold. */
    const sessionToken = async (): Promise<string> => {
      const res = await request(`${mesh.sim.url}${TOKEN_REFRESH_PATH}`, { headers: { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` } });
      return res.body.text();
    };
    const withClock = async (offsetMs: number, run: () => Promise<void>): Promise<void> => {
      const now = clock.now();
      clock.set(new Date(now.getTime() + offsetMs));
      try {
        await run();
      } finally {
        clock.set(now);
      }
    };

    it('refreshes an expired token once, with the expired token, for every call waiting on it, and sends the calls again', async () => {
      const own = new MeshClient({ transport: mesh.transport, serviceToken: await sessionToken() });
      await own.getMarks(profileId, meshIds, november);
      mesh.sim.stats.reset();
      await withClock(25 * 3_600_000, async () => {
        // Inside a request: the refresh, and the calls sent again, carry that request's id.
        const requestId = '01936f3e-7c2a-7b41-8d3e-5f6a7b8c9d0e';
        const [marks, homework] = await runInRequestScope({ requestId, deadline: Date.now() + 5_000 }, () =>
          Promise.all([own.getMarks(profileId, meshIds, november), own.getHomework(profileId, meshIds, november)]),
        );
        expect(marks.get(meshIds[0]!)!.length).toBeGreaterThan(0);
        expect(homework.get(meshIds[0]!)!.length).toBeGreaterThan(0);
        expect(mesh.sim.stats.snapshot().endpoints).toEqual({ [MESH_ENDPOINTS.marks]: 2, [MESH_ENDPOINTS.homework]: 2, [REFRESH]: 1 });
        expect(mesh.sim.stats.requestIdsOf(REFRESH)).toEqual([requestId]);
        expect(mesh.sim.stats.requestIdsOf(MESH_ENDPOINTS.marks)).toEqual([requestId, requestId]);
        // The new token is kept: the next call needs no refresh.
        mesh.sim.stats.reset();
        await own.getStudents(profileId, meshIds);
        expect(mesh.sim.stats.snapshot().endpoints).toEqual({ [MESH_ENDPOINTS.profile]: 1 });
      });
    });

    it('gives up as LEGACY_BAD_RESPONSE when the refresh is refused, a week after the token expired', async () => {
      const own = new MeshClient({ transport: mesh.transport, serviceToken: await sessionToken() });
      mesh.sim.stats.reset();
      await withClock(9 * 86_400_000, async () => {
        await expect(own.getMarks(profileId, meshIds, november)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
        expect(mesh.sim.stats.snapshot().endpoints).toEqual({ [MESH_ENDPOINTS.marks]: 1, [REFRESH]: 1 });
      });
    });

    it('never writes the token to the log', async () => {
      const log = new MemoryLog();
      const token = await sessionToken();
      const logged = new LegacyTransport({ system: 'mesh', baseUrl: mesh.sim.url, timeoutMs: 1000, logger: createLogger({ service: 'test', level: 'debug', destination: log }) });
      try {
        const own = new MeshClient({ transport: logged, serviceToken: token });
        await withClock(25 * 3_600_000, async () => {
          await own.getMarks(profileId, meshIds, november);
        });
        expect(log.text).toContain(REFRESH);
        expect(log.text).not.toMatch(/eyJ|aupd_token|Bearer/);
        expect(log.text).not.toContain(token.slice(-20));
      } finally {
        await logged.close();
      }
    });
  });

  it.each(['truncated', 'html', 'empty', 'wrong-shape'] as const)('turns a %s body into LEGACY_BAD_RESPONSE', async (malformed) => {
    mesh.sim.faults.set({ malformed });
    await expect(client.getStudents(profileId, meshIds)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
    await expect(client.getMarks(profileId, meshIds, november)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'mesh' });
    await expect(client.getMealsAccounts(profileId, ['10000000000'])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });

  it("turns 429 into LEGACY_RATE_LIMITED with MESH's Retry-After, and 503 into LEGACY_UNAVAILABLE", async () => {
    mesh.sim.faults.set({ endpoint: MESH_ENDPOINTS.homework, errorRate: 1, status: 429 });
    await expect(client.getHomework(profileId, meshIds, november)).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 2 });
    mesh.sim.faults.set({ errorRate: 1, status: 503 });
    await expect(client.getStudents(profileId, meshIds)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'mesh' });
  });
});
