import { ApolloServer } from '@apollo/server';
import { request } from 'undici';
import { MeshClient } from '../../adapters/mesh';
import { LegacyTransport } from '../../adapters/transport';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { createMeshSimulator } from '../../legacy/mesh';
import { type Person, Population } from '../../legacy/population';
import { type CacheStore, createCacheStore } from '../../platform/cache';
import { graphqlHandler, type HttpService, staleReadsPlugin, startHttpService } from '../../platform/http';
import { toGraphQLError } from '../../subgraphs/kit';

/**
 * Stale-if-error end to end through the pieces a subgraph is made of: the HTTP handler opening
 * the request scope, a resolver calling the MESH adapter over the shared transport, the cache,
 * and the plugin marking the answer. Two "replicas" (two transports, two servers) share one
 * cache store: in memory here, and Redis where the environment names a server (CI sets
 * TEST_REDIS_URL), so that what one replica fetched stands in on the other.
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error('CI must set TEST_REDIS_URL so the Redis cache is tested');
const stores: Array<[string, () => CacheStore]> = [['memory', () => createCacheStore()]];
if (redisUrl) stores.push(['redis', () => createCacheStore({ redisUrl })]);

interface Context {
  profileId: string;
  principalKey: string;
}

const typeDefs = /* GraphQL */ `
  type Query { marks(studentIds: [ID!]!): [String!] }
`;

interface Replica {
  url: string;
  close(): Promise<void>;
}

/** One subgraph-like service over its own transport to MESH, sharing `cache` with its siblings. */
async function startReplica(meshUrl: string, cache: CacheStore): Promise<Replica> {
  // Fresh reads off: this is about what the cache does when MESH fails, so every read must reach it.
  const transport = new LegacyTransport({ system: 'mesh', baseUrl: meshUrl, timeoutMs: 1_000, cache, retry: { maxRetries: 0 }, freshReads: false });
  const mesh = new MeshClient({ transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  const server = new ApolloServer<Context>({
    typeDefs,
    resolvers: {
      Query: {
        marks: async (_: unknown, args: { studentIds: string[] }, ctx: Context) => {
          try {
            const marks = await mesh.getMarks(ctx.profileId, args.studentIds, { from: '2026-11-01', to: '2026-11-21' });
            return [...marks.values()].flat().map((m) => `${m.subject}:${m.value}`);
          } catch (error) {
            throw toGraphQLError(error);
          }
        },
      },
    },
    plugins: [staleReadsPlugin()],
  });
  await server.start();
  const service: HttpService = await startHttpService({
    port: 0,
    routes: {
      '/graphql': graphqlHandler<Context>({
        server,
        // Stands in for the verified principal: the kit takes it from the gateway's credential.
        context: async (req) => ({ profileId: String(req.headers['x-person']), principalKey: `resident:${String(req.headers['x-person'])}` }),
        requestScope: (ctx) => ({ principalKey: ctx.principalKey }),
      }),
    },
  });
  return {
    url: `${service.url}/graphql`,
    close: async () => {
      await service.close();
      await server.stop();
      await transport.close();
    },
  };
}

interface Reply {
  data?: { marks: string[] | null };
  errors?: Array<{ extensions?: Record<string, unknown> }>;
  extensions?: { stale?: Array<{ system: string; asOf: string }> };
}

async function marksOf(replica: Replica, personId: number, studentIds: string[]): Promise<Reply> {
  const res = await request(replica.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-person': String(personId) },
    body: JSON.stringify({ query: 'query ($ids: [ID!]!) { marks(studentIds: $ids) }', variables: { ids: studentIds } }),
  });
  return (await res.body.json()) as Reply;
}

describe.each(stores)('stale-if-error with a %s cache shared by two replicas', (_name, openStore) => {
  const population = new Population();
  const isPupil = (id: number): boolean => population.person(id)?.meshPersonId != null && population.ageOf(population.person(id)!) >= 8;
  const parent = population.findAdult((p) => p.childIds.length >= 2 && p.childIds.every(isPupil));
  const pupils = parent.childIds.map((id) => (population.person(id) as Person).meshPersonId as string);
  const other = population.findAdult((p) => p.id !== parent.id && p.childIds.some(isPupil));
  const othersPupils = other.childIds.filter(isPupil).map((id) => (population.person(id) as Person).meshPersonId as string);
  let sim: RunningSimulator;
  let store: CacheStore;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
    sim = await startSimulator(createMeshSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    store = openStore();
    a = await startReplica(sim.url, store);
    b = await startReplica(sim.url, store);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await store.close();
    await sim.close();
  });
  afterEach(() => sim.faults.clear());

  it('serves the last good answer when MESH is down, marked with when it is from, to the same principal only', async () => {
    const fresh = await marksOf(a, parent.id, pupils);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data?.marks?.length).toBeGreaterThan(0);
    expect(fresh.extensions).toBeUndefined();
    const fetchedAt = Date.now();
    // The Redis write is not awaited by the call that fetched; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));

    sim.faults.set({ down: true });
    const stale = await marksOf(b, parent.id, pupils);
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(fresh.data);
    expect(stale.extensions?.stale).toEqual([{ system: 'mesh', asOf: expect.stringMatching(/\+03:00$/) }]);
    expect(Math.abs(Date.parse(stale.extensions!.stale![0]!.asOf) - fetchedAt)).toBeLessThan(5_000);

    // Another resident never sees it, whatever they ask for.
    const stranger = await marksOf(b, other.id, pupils);
    expect(stranger.data?.marks).toBeNull();
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'mesh' });
    expect(stranger.extensions).toBeUndefined();
    const nothingCached = await marksOf(a, other.id, othersPupils);
    expect(nothingCached.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'mesh' });
  });

  it('asks MESH again once it is back, and drops the mark', async () => {
    sim.faults.clear();
    sim.stats.reset();
    const again = await marksOf(b, parent.id, pupils);
    expect(again.errors).toBeUndefined();
    expect(again.extensions).toBeUndefined();
    expect(sim.stats.snapshot().total).toBe(1);
  });
});
