import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { MALFORMED_KINDS, type MalformedKind } from '../../legacy/kit';
import { demoResidents } from '../../legacy/population';
import { DASHBOARD_SYSTEMS, expectOtherSectionsWhole, SECTION_SYSTEMS, timedDashboard } from './dashboard';

const CASES: Array<[(typeof DASHBOARD_SYSTEMS)[number], MalformedKind]> = DASHBOARD_SYSTEMS.flatMap((system) =>
  MALFORMED_KINDS.map((kind): [(typeof DASHBOARD_SYSTEMS)[number], MalformedKind] => [system, kind]),
);

/**
 * Every legacy system the dashboard reads, in turn, answers HTTP 200 with every kind of garbage: each becomes
 * LEGACY_BAD_RESPONSE naming the system, on that system's fields only; nothing crashes and nothing
 * half-read reaches the client.
 */
describe('malformed legacy payloads', () => {
  let system: EmbeddedSystem;
  let token: string;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
    const family = demoResidents(system.population).find((d) => d.key === 'family')!;
    token = await system.tokenFor(family.person.id);
    await timedDashboard(system, token);
  });
  afterAll(() => system.close());
  afterEach(() => {
    for (const sim of Object.values(system.simulators)) sim.faults.clear();
  });

  it.each(CASES)('%s answering %s: LEGACY_BAD_RESPONSE on its own fields', async (broken, malformed) => {
    system.simulators[broken].faults.set({ malformed });
    const { reply } = await timedDashboard(system, token);
    expect(reply.status).toBe(200);
    expect(reply.errors?.length).toBeGreaterThan(0);
    const names = broken === 'registry' ? [broken] : SECTION_SYSTEMS[broken];
    for (const error of reply.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
      expect(names).toContain(error.extensions?.system);
    }
    // Nothing of the garbage itself reaches the client.
    expect(JSON.stringify(reply)).not.toMatch(/<html|nginx|<thing>|\[1,2,3\]|127\.0\.0\.1/);
    // Without the registry there is no resident to show; otherwise only the broken system's section is missing.
    if (broken === 'registry') expect(reply.data?.me ?? null).toBeNull();
    else expectOtherSectionsWhole(reply.data!.me!, broken);
  });

  it('keeps every process alive and answering whole once the systems behave', async () => {
    for (const service of [system.gateway, ...Object.values(system.subgraphs)]) {
      const res = await request(`${service.url}/healthz`);
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    }
    const { reply } = await timedDashboard(system, token);
    expect(reply.errors).toBeUndefined();
    expectOtherSectionsWhole(reply.data!.me!, undefined);
  });
});
