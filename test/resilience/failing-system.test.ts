import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { demoResidents, type Person } from '../../legacy/population';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-client';
import { type DashboardReply, expectOtherSectionsWhole, failedSystems, median, SECTION_SYSTEMS, timedDashboard } from './dashboard';

/** What one legacy call may cost in the embedded system (its `legacyTimeoutMs`). */
const LEGACY_BUDGET_MS = 3_000;
/** How long an open breaker fails calls fast before it probes (the transport's default). */
const HALF_OPEN_AFTER_MS = 5_000;

/** A query that needs no EMIAS: what other screens of the portal ask while EMIAS hangs. */
const NO_HEALTH = /* GraphQL */ `
  query Housing { me { fullName homes { payerCode meters { id } } vehicles { plate } parkingAccount { balance { kopecks } } } }
`;

/**
 * A legacy system fails under the started system. Down: the dashboard keeps every other section,
 * names the failed system with its code, and costs no more than that system's budget; once the
 * breaker is open the answer is as quick as a healthy one; when the system is back the breaker
 * closes and fresh data flows again. Hanging: the dashboard comes back by the system's deadline,
 * and requests that do not need it are not slowed.
 */
describe('a legacy system failing', () => {
  let system: EmbeddedSystem;
  let token: string;
  let healthyMs: number;
  let healthy: DashboardReply;

  /**
   * A resident never seen before by this system: nothing of theirs is in the stale-if-error cache,
   * so what a failed system's fields show is its failure, not a cached answer.
   */
  const seen = new Set<number>();
  const newResident = async (): Promise<string> => {
    const pupils = (p: Person) => p.childIds.filter((id) => system.population.person(id)?.meshPersonId).length;
    const found = system.population.findAdult((p) => !seen.has(p.id) && pupils(p) >= 1 && p.payerCodes.length >= 1 && p.vehicles.length >= 1);
    seen.add(found.id);
    return system.tokenFor(found.id);
  };

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
    const family = demoResidents(system.population).find((d) => d.key === 'family')!;
    seen.add(family.person.id);
    token = await system.tokenFor(family.person.id);
    // Warm up (query plans, pools), then time healthy answers.
    for (let i = 0; i < 3; i++) await timedDashboard(system, token);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await timedDashboard(system, token));
    healthyMs = median(runs.map((r) => r.ms));
    healthy = runs[0]!.reply;
    expect(healthy.errors).toBeUndefined();
  });
  afterAll(() => system.close());
  afterEach(async () => {
    for (const sim of Object.values(system.simulators)) sim.faults.clear();
    // A breaker a test left open would fail the next test's calls at once: wait until it has closed.
    await eventually(
      async () => {
        const { reply } = await timedDashboard(system, token);
        return !reply.errors;
      },
      { timeoutMs: HALF_OPEN_AFTER_MS * 3, intervalMs: 500, what: 'a whole dashboard before the next test' },
    );
  });

  it.each(Object.entries(SECTION_SYSTEMS))('%s down: the other four sections answer, with its code, within its budget', async (down, names) => {
    const stranger = await newResident();
    system.simulators[down as keyof typeof SECTION_SYSTEMS].faults.set({ down: true });
    const { ms, reply } = await timedDashboard(system, stranger);
    expect(ms).toBeLessThan(LEGACY_BUDGET_MS);
    expect(reply.data?.me).toBeTruthy();
    expectOtherSectionsWhole(reply.data!.me!, down as keyof typeof SECTION_SYSTEMS);
    expect(reply.errors?.length).toBeGreaterThan(0);
    for (const error of reply.errors ?? []) {
      expect(error.extensions?.code).toBe('LEGACY_UNAVAILABLE');
      expect(names).toContain(error.extensions?.system);
    }
  });

  it('answers as fast as a healthy dashboard once the breaker is open, and closes it when the system is back', async () => {
    const emias = system.simulators.emias;
    emias.faults.set({ down: true });
    // A few dashboards of failures (with their retries) open EMIAS's breaker.
    let opened: DashboardReply | undefined;
    for (let i = 0; i < 10 && !opened; i++) {
      const { reply } = await timedDashboard(system, token);
      expectOtherSectionsWhole(reply.data!.me!, 'emias');
      if (reply.errors?.some((e) => /circuit open/.test(e.message))) opened = reply;
    }
    expect(opened).toBeDefined();
    expect([...failedSystems(opened!)]).toEqual(['emias']);

    const open = [];
    for (let i = 0; i < 5; i++) open.push(await timedDashboard(system, token));
    for (const { reply } of open) {
      expectOtherSectionsWhole(reply.data!.me!, 'emias');
      expect(reply.errors?.every((e) => e.extensions?.code === 'LEGACY_UNAVAILABLE' && e.extensions?.system === 'emias')).toBe(true);
      // Failed by the open breaker, without trying EMIAS (no attempt, no retry, no back-off).
      expect(reply.errors?.every((e) => /circuit open/.test(e.message))).toBe(true);
    }
    // So the answer is about as quick as a healthy one; bounded loosely, as a shared machine's timing is.
    expect(median(open.map((r) => r.ms))).toBeLessThan(healthyMs * 3 + 200);

    // Back: after the breaker's pause a probe succeeds, the breaker closes, EMIAS is asked again.
    emias.faults.clear();
    emias.stats.reset();
    const recovered: DashboardReply = await eventually(
      async () => {
        const { reply } = await timedDashboard(system, token);
        return !reply.errors && reply;
      },
      { timeoutMs: HALF_OPEN_AFTER_MS * 3, intervalMs: 500, what: 'a whole dashboard after EMIAS recovered' },
    );
    expect(emias.stats.snapshot().total).toBeGreaterThan(0);
    expect(recovered.data!.me!.appointments).toEqual(healthy.data!.me!.appointments);
    expect(recovered.data!.me!.medicalCard).toEqual(healthy.data!.me!.medicalCard);
  });

  const timedOther = async () => {
    const started = performance.now();
    const reply = await postGraphQL<{ me: { homes: unknown[] | null; parkingAccount: unknown } | null }>(system.gateway.graphqlUrl, NO_HEALTH, { token });
    expect(reply.errors).toBeUndefined();
    return performance.now() - started;
  };

  it("returns the dashboard by the hung system's deadline, and does not slow other requests", async () => {
    const before = [];
    for (let i = 0; i < 5; i++) before.push(await timedOther());

    system.simulators.emias.faults.set({ hang: true });
    const hung = timedDashboard(system, token);
    // While the dashboard's EMIAS calls hang, other requests come and go at their usual pace.
    const during = [];
    for (let i = 0; i < 5; i++) during.push(await timedOther());
    const { ms, reply } = await hung;

    expect(ms).toBeGreaterThanOrEqual(LEGACY_BUDGET_MS * 0.9);
    expect(ms).toBeLessThan(LEGACY_BUDGET_MS + 2_000);
    expectOtherSectionsWhole(reply.data!.me!, 'emias');
    expect(reply.data!.me!.appointments).toBeNull();
    expect(reply.errors?.length).toBeGreaterThan(0);
    for (const error of reply.errors ?? []) expect(error.extensions).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'emias' });
    expect(median(during)).toBeLessThan(median(before) * 2 + 100);
  });
});
