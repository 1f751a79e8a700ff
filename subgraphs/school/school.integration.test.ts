import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { createMeshSimulator } from '../../legacy/mesh';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { isMinorOn, moscowDate } from '../../platform/time';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createSchoolSubgraph } from './index';

const ENTITIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident {
        id
        student {
          schoolName
          className
          marks(from: "2026-11-01", to: "2026-11-21") { subject value date }
          homework(from: "2026-11-16", to: "2026-11-22") { subject description dueDate }
        }
      }
    }
  }
`;

interface DashboardStudent {
  schoolName: string;
  className: string;
  marks: Array<{ subject: string; value: string; date: string }>;
  homework: Array<{ subject: string; description: string; dueDate: string }>;
}
type Entities<S = DashboardStudent> = { _entities: Array<{ id: string; student: S | null } | null> };

describe('school subgraph', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  // A pupil still represented on the test's day: the registry lists no one who has turned 18.
  const isPupil = (id: number): boolean => {
    const child = population.person(id);
    return child?.meshPersonId != null && population.ageOf(child) >= 8 && isMinorOn(child.birthDate, moscowDate(clock.now()));
  };
  const parent = population.findAdult((p) => p.childIds.length === 3 && p.childIds.every(isPupil));
  const kids = parent.childIds.map((id) => population.person(id) as Person);
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.some(isPupil));
  const strangersChild = population.person(stranger.childIds.find(isPupil) as number) as Person;
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  const representation = (p: Person) => ({ __typename: 'Resident', id: String(p.id), sealedSchoolKeys: subgraph.seal('school', String(p.id), { meshPersonId: p.meshPersonId }) });
  let registry: RunningSimulator;
  let mesh: RunningSimulator;
  let subgraph: TestSubgraph;

  const meshCalls = () => mesh.stats.snapshot();

  beforeAll(async () => {
    const deps = { population, clock, serviceToken: DEFAULT_SERVICE_TOKEN };
    registry = await startSimulator(createRegistrySimulator(deps), { clock });
    mesh = await startSimulator(createMeshSimulator(deps), { clock });
    subgraph = await startTestSubgraph(
      createSchoolSubgraph,
      {
        registryUrl: registry.url,
        meshUrl: mesh.url,
        meshServiceToken: DEFAULT_SERVICE_TOKEN,
      },
      { clock },
    );
  });
  afterAll(async () => {
    await subgraph.close();
    await mesh.close();
    await registry.close();
  });
  beforeEach(() => {
    mesh.stats.reset();
    mesh.faults.clear();
  });

  it('serves the dashboard for three children with one MESH call per endpoint', async () => {
    const reply = await subgraph.query<Entities>(ENTITIES, { r: kids.map(representation) }, resident(parent));
    expect(reply.errors).toBeUndefined();
    const entities = reply.data!._entities;
    expect(entities.map((e) => e?.id)).toEqual(kids.map((k) => String(k.id)));
    entities.forEach((entity, i) => {
      const student = entity!.student!;
      expect(student.className).toMatch(new RegExp(`^${Math.min(11, population.ageOf(kids[i]!) - 6)}-[АБВГ]$`));
      expect(student.schoolName).toMatch(/^ГБОУ Школа № \d+$/);
      expect(student.marks.length).toBeGreaterThan(0);
      expect(student.marks.every((m) => m.date >= '2026-11-01' && m.date <= '2026-11-21' && /^([1-5]|зачёт)$/.test(m.value))).toBe(true);
      expect(student.homework.length).toBeGreaterThan(0);
      expect(student.homework.every((h) => h.dueDate >= '2026-11-16' && h.dueDate <= '2026-11-22' && h.description.length > 0)).toBe(true);
    });
    // Each child's own marks: the three lists are not one list repeated.
    expect(new Set(entities.map((e) => JSON.stringify(e!.student!.marks))).size).toBe(3);
    expect(meshCalls()).toEqual({
      total: 3,
      endpoints: {
        'GET /api/family/mobile/v1/profile': 1,
        'GET /api/family/mobile/v1/marks': 1,
        'GET /api/family/mobile/v1/homeworks/short': 1,
      },
    });
  });

  it('gives an adult no student and asks MESH nothing', async () => {
    const reply = await subgraph.query<Entities>(ENTITIES, { r: [representation(parent)] }, resident(parent));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities[0]).toEqual({ id: String(parent.id), student: null });
    expect(meshCalls().total).toBe(0);
  });

  it.each([
    ['from after to', '2026-11-21', '2026-11-01'],
    ['a range longer than 93 days', '2026-09-01', '2026-12-31'],
    ['a Russian date', '01.11.2026', '21.11.2026'],
  ])('refuses %s with BAD_USER_INPUT and no MESH call', async (_name, from, to) => {
    const reply = await subgraph.query<Entities<{ marks: unknown[] }>>(
      'query ($r: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $r) { ... on Resident { student { marks(from: $from, to: $to) { value } } } } }',
      { r: [representation(kids[0]!)], from, to },
      resident(parent),
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(meshCalls().total).toBe(0);
  });

  it("refuses a representation of someone else's child with FORBIDDEN and no MESH call", async () => {
    const reply = await subgraph.query<Entities>(ENTITIES, { r: [representation(strangersChild)] }, resident(parent));
    expect(reply.data?._entities[0] ?? null).toBeNull();
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(meshCalls().total).toBe(0);
  });

  it('asks for a sign-in without a principal', async () => {
    const reply = await subgraph.query(ENTITIES, { r: [representation(kids[0]!)] });
    expect(reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(meshCalls().total).toBe(0);
  });

  it('serves the timetable, the school pass and the meals account with its pages of days', async () => {
    type Full = {
      school: { id: string; name: string };
      schedule: Array<{ subject: string; startsAt: string; endsAt: string }>;
      visits: Array<{ date: string; enteredAt: string; leftAt: string | null }>;
      meals: { balance: { kopecks: number; rubles: string }; days: { days: Array<{ date: string; expense: { kopecks: number } }>; hasNextPage: boolean; endCursor: string } };
    };
    const reply = await subgraph.query<Entities<Full>>(
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Resident {
              id
              student {
                school { id name }
                schedule(date: "2026-11-20") { subject startsAt endsAt }
                visits(from: "2026-11-16", to: "2026-11-21") { date enteredAt leftAt }
                meals { balance { kopecks rubles } days(first: 3) { days { date expense { kopecks } } hasNextPage endCursor } }
              }
            }
          }
        }
      `,
      { r: kids.map(representation) },
      resident(parent),
    );
    expect(reply.errors).toBeUndefined();
    for (const entity of reply.data!._entities) {
      const student = entity!.student!;
      expect(student.schedule[0]!.startsAt).toBe('2026-11-20T08:30:00+03:00');
      expect(student.visits.every((v) => v.date >= '2026-11-16' && v.enteredAt.startsWith(v.date) && v.enteredAt.endsWith('+03:00'))).toBe(true);
      expect(Number.isInteger(student.meals.balance.kopecks)).toBe(true);
      expect(student.meals.days.days).toHaveLength(3);
      expect(student.meals.days.endCursor).toBe(student.meals.days.days[2]!.date);
    }
    const endpoints = meshCalls().endpoints;
    expect(endpoints['GET /api/family/mobile/v1/profile']).toBe(1);
    expect(endpoints['GET /api/eventcalendar/v1/api/events']).toBe(1);
    expect(endpoints['GET /api/family/mobile/v1/visits']).toBe(1);
    expect(endpoints['GET /api/meals/v1/clients']).toBe(1);
    // Meal days have no batch form: one page per child, asked for only by a meals screen.
    expect(endpoints['GET /api/family/mobile/v1/day_balance_info']).toBe(3);
  });

  it('refuses a meal-days page larger than the maximum before asking MESH for it', async () => {
    const reply = await subgraph.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { student { meals { days(first: 500) { hasNextPage } } } } } }',
      { r: [representation(kids[0]!)] },
      resident(parent),
    );
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(meshCalls().endpoints['GET /api/family/mobile/v1/day_balance_info']).toBeUndefined();
  });

  it('nulls only the student when MESH is down or rate limiting, naming the system', async () => {
    // A family whose diary nobody has read here, so no stale copy can stand in for MESH.
    mesh.faults.set({ errorRate: 1, status: 503 });
    const down = await subgraph.query<Entities>(ENTITIES, { r: [representation(strangersChild)] }, resident(stranger));
    expect(down.data!._entities[0]).toEqual({ id: String(strangersChild.id), student: null });
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'mesh' });
    expect(JSON.stringify(down)).not.toContain(mesh.url);

    mesh.faults.clear();
    mesh.faults.set({ errorRate: 1, status: 429 });
    const limited = await subgraph.query<Entities>(ENTITIES, { r: [representation(strangersChild)] }, resident(stranger));
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_RATE_LIMITED', system: 'mesh', retryAfterSeconds: 2 });
  });
});
