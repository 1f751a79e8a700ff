import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { type ClientReply, postGraphQL } from '../support/graphql-client';

/** What EMIAS is made to take per call, through its admin endpoint: slow, as on a bad day. */
const EMIAS_LATENCY_MS = 800;
/** Concurrent requests of the flooding resident; each costs EMIAS six calls. */
const FLOOD = 30;
/** One principal's share of the EMIAS bulkhead: a quarter of its 32 slots (the transport's defaults). */
const SHARE = 8;

/** Six EMIAS calls: appointments, referrals and the four kinds of the medical card. */
const HEAVY = /* GraphQL */ `{ me { appointments { id } referrals { id } medicalCard { documents(first: 1) { id } } } }`;
const APPOINTMENTS = /* GraphQL */ `{ me { appointments { id } } }`;

interface Health {
  me: { appointments: Array<{ id: string }> | null } | null;
}

/**
 * One resident floods EMIAS through the graph while it is slow (latency set through its admin
 * endpoint); another resident asks for their appointments meanwhile. The flooder holds only its
 * share of the EMIAS bulkhead (the subgraph's /readyz shows it): the other resident's call is not
 * queued behind the flood and answers whole, and the flood's excess is refused unsent with
 * LEGACY_RATE_LIMITED naming EMIAS. Without the share, the flood fills all 32 slots and the
 * bulkhead's queue, and the other resident's call waits behind some 150 of the flooder's.
 */
describe("one resident cannot take a legacy system's whole bulkhead", () => {
  let system: EmbeddedSystem;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
  });
  afterAll(() => system.close());

  const emiasAdmin = (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
    request(`${system.simulators.emias.url}/__admin${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then((res) => res.body.dump());
  /** Calls to EMIAS the health subgraph has under way and waiting in its bulkhead, from its /readyz. */
  const emiasLoad = async (): Promise<{ inFlight: number; queued: number }> => {
    const res = await request(`${system.subgraphs.health.url}/readyz`);
    const report = (await res.body.json()) as { systems: Array<{ system: string; inFlight: number; queued: number }> };
    const emias = report.systems.find((s) => s.system === 'emias');
    if (!emias) throw new Error('the health subgraph reports no EMIAS transport');
    return emias;
  };

  it("a flood of one resident leaves another's EMIAS call unqueued, and its excess is refused unsent", async () => {
    const population = system.population;
    const flooder = population.findAdult((p) => Boolean(p.omsNumber));
    const other = population.findAdult((p) => p.id !== flooder.id && Boolean(p.omsNumber));
    const warm = population.findAdult((p) => p.id !== flooder.id && p.id !== other.id && Boolean(p.omsNumber));
    const [flooderToken, otherToken, warmToken] = await Promise.all([flooder, other, warm].map((p) => system.tokenFor(p.id)));
    // Warm the query plans and the pools with a third resident, so that nothing of the other's is
    // cached to stand in for a call of theirs that fails.
    expect((await postGraphQL<Health>(system.gateway.graphqlUrl, HEAVY, { token: warmToken })).errors).toBeUndefined();

    await emiasAdmin('POST', '/faults', { latencyMs: EMIAS_LATENCY_MS });
    try {
      const answered: string[] = [];
      const flood = Array.from({ length: FLOOD }, () =>
        postGraphQL<Health>(system.gateway.graphqlUrl, HEAVY, { token: flooderToken }).then((reply) => {
          answered.push('flood');
          return reply;
        }),
      );
      const settled = Promise.all(flood);
      // The EMIAS bulkhead of the health subgraph, as its /readyz shows it, all through the flood.
      let done = false;
      void settled.finally(() => (done = true));
      const seen = { inFlight: 0, queued: 0 };
      const watching = (async () => {
        while (!done) {
          const load = await emiasLoad();
          seen.inFlight = Math.max(seen.inFlight, load.inFlight);
          seen.queued = Math.max(seen.queued, load.queued);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      // The other resident asks once the flood holds its share of EMIAS.
      const deadline = Date.now() + 10_000;
      while ((await emiasLoad()).inFlight < SHARE && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const otherReply = await postGraphQL<Health>(system.gateway.graphqlUrl, APPOINTMENTS, { token: otherToken }).then((reply) => {
        answered.push('other');
        return reply;
      });
      const floodReplies: Array<ClientReply<Health>> = await settled;
      await watching;

      // The other resident's call went ahead of the flood's waiting calls: its answer is whole.
      expect(otherReply.errors).toBeUndefined();
      expect(otherReply.data?.me?.appointments).toEqual(expect.any(Array));
      expect(answered.indexOf('other')).toBeLessThan(answered.lastIndexOf('flood'));

      // The flood held its share of the bulkhead and no more (plus the other's one call), and
      // nothing ever waited in the bulkhead itself.
      expect(seen.inFlight).toBeGreaterThanOrEqual(SHARE);
      expect(seen.inFlight).toBeLessThanOrEqual(SHARE + 1);
      expect(seen.queued).toBe(0);

      // The flood beyond its share and its short queue was refused at once, naming EMIAS.
      const floodErrors = floodReplies.flatMap((reply) => reply.errors ?? []);
      const refused = floodErrors.filter((e) => e.extensions?.code === 'LEGACY_RATE_LIMITED');
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused) expect(error.extensions).toMatchObject({ system: 'emias', retryAfterSeconds: 1 });
      // What was let through and waited too long timed out: the flooder's own calls, nobody else's.
      for (const error of floodErrors) expect(['LEGACY_RATE_LIMITED', 'LEGACY_TIMEOUT']).toContain(error.extensions?.code);
    } finally {
      await emiasAdmin('DELETE', '/faults');
    }
  });
});
