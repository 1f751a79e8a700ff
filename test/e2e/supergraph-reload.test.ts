import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type GatewayConfig, type RunningGateway, startGateway, supergraphHash } from '../../gateway';
import { generateJwkKeyPair, type JwkKeyPair } from '../../platform/auth';
import { createLogger } from '../../platform/logging';
import { placeholderUrl } from '../../schema';
import { runEntryPoint, type Started } from '../security/support/entry-point';
import { gql } from '../security/support/http';
import { MemoryLog } from '../security/support/secure-system';
import { type ForeignGraph, startForeignGraph } from '../support/foreign-graph';
import { scrape } from '../support/prometheus-text';

/** Polls `probe` until it answers, or fails after the deadline. */
async function until<T>(probe: () => Promise<T | undefined>, what: string, deadlineMs = 15_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What `/readyz` says the gateway serves, by hash. */
async function served(gatewayUrl: string): Promise<string | undefined> {
  const res = await request(`${gatewayUrl}/readyz`);
  const body = (await res.body.json()) as { supergraph?: { sha256?: string } };
  return body.supergraph?.sha256;
}

/** Replaces the file as a release does: a new file renamed over the old one. */
function release(file: string, sdl: string): string {
  writeFileSync(`${file}.next`, sdl);
  renameSync(`${file}.next`, file);
  return supergraphHash(sdl);
}

const ISBN = '{ product(upc: "b1") { ... on Book { isbn } } }';

describe('the supergraph reloads without a restart', () => {
  let foreign: ForeignGraph;
  let internal: JwkKeyPair;
  let dir: string;
  const gateways: RunningGateway[] = [];

  /** Our gateway over the foreign graph, serving `file` (which starts as `sdl`) and reloading it. */
  async function gatewayOn(file: string, sdl: string, log: MemoryLog, overrides: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
    writeFileSync(file, sdl);
    const gateway = await startGateway(
      {
        port: 0,
        host: '127.0.0.1',
        production: false,
        logLevel: 'info',
        supergraphSdl: sdl,
        supergraphFile: file,
        reload: { debounceMs: 50 },
        auth: { jwks: { keys: { keys: [] } }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: internal.privateJwk,
        subgraphTimeoutMs: 10_000,
        subgraphConnections: 16,
        rateLimit: false,
        ...overrides,
      },
      { logger: createLogger({ service: 'gateway', level: 'info', destination: log }) },
    );
    gateways.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    foreign = await startForeignGraph();
    internal = await generateJwkKeyPair('EdDSA', 'reload-test');
    dir = mkdtempSync(join(tmpdir(), 'supergraph-reload-'));
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await foreign?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('under load, swapped between two supergraphs and then broken three ways, fails no request and keeps the last good one', async () => {
    const file = join(dir, 'load.graphql');
    const log = new MemoryLog();
    const released = foreign.supergraph();
    const withIsbn = foreign.supergraph({ isbn: true });
    const gateway = await gatewayOn(file, released, log);
    expect(await served(gateway.url)).toBe(supergraphHash(released));

    // Eight clients at once, each asking again as soon as it is answered, for as long as the swaps last.
    let loading = true;
    const failures: unknown[] = [];
    let answered = 0;
    const client = async (): Promise<void> => {
      while (loading) {
        const reply = await gql(gateway.graphqlUrl, '{ products { upc name inStock } latestReviews { author { name reviewCount } } }');
        if (reply.status !== 200 || reply.json?.errors || (reply.json?.data?.products as unknown[] | undefined)?.length !== 3) failures.push({ status: reply.status, body: reply.text });
        answered += 1;
      }
    };
    const clients = Array.from({ length: 8 }, () => client());

    for (const sdl of [withIsbn, released, withIsbn, released, withIsbn]) {
      const before = answered;
      const sha256 = release(file, sdl);
      await until(async () => ((await served(gateway.url)) === sha256 ? true : undefined), 'the new supergraph served');
      await until(async () => (answered > before + 8 ? true : undefined), 'requests answered across the swap');
      // The field comes and goes with the supergraph, and so do its weights in the demand limit.
      const isbn = await gql(gateway.graphqlUrl, ISBN);
      if (sdl === withIsbn) {
        expect(isbn.json).toEqual({ data: { product: { isbn: '978-5-b1' } } });
        const twice = await gql(gateway.graphqlUrl, '{ a: product(upc: "b1") { ... on Book { isbn } } b: product(upc: "b2") { ... on Book { isbn } } }');
        expect(twice.json?.errors?.map((e) => e.extensions?.code)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
      } else {
        expect(isbn.status).toBe(400);
        expect(isbn.json?.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      }
    }
    const good = supergraphHash(withIsbn);

    // Not GraphQL; GraphQL but no supergraph; a supergraph with a subgraph nobody told us where to find.
    const broken: Array<[string, string]> = [
      ['parse', 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query'],
      ['invalid', 'type Query { products: [String] }'],
      ['urls', withIsbn.replace(foreign.subgraphs.reviews.url, placeholderUrl('reviews'))],
    ];
    for (const [failure, sdl] of broken) {
      const before = (await scrape(gateway.url)).value('gateway_supergraph_reloads_total', { graph: 'supergraph', outcome: 'failed' }) ?? 0;
      release(file, sdl);
      await until(
        async () => (((await scrape(gateway.url)).value('gateway_supergraph_reloads_total', { graph: 'supergraph', outcome: 'failed' }) ?? 0) > before ? true : undefined),
        `the ${failure} reload counted`,
      );
      expect(await served(gateway.url)).toBe(good);
      expect((await gql(gateway.graphqlUrl, ISBN)).json).toEqual({ data: { product: { isbn: '978-5-b1' } } });
      const why = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.failure === failure);
      expect(why).toEqual([
        expect.objectContaining({ level: 50, graph: 'supergraph', served: good, msg: expect.stringMatching(/^supergraph not reloaded, still serving the previous one: /) }),
      ]);
    }
    expect(log.text()).toMatch(/SUBGRAPH_REVIEWS_URL/);

    loading = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    const metrics = await scrape(gateway.url);
    expect(metrics.value('gateway_supergraph_reloads_total', { graph: 'supergraph', outcome: 'loaded' })).toBe(5);
    expect(metrics.value('gateway_supergraph_reloads_total', { graph: 'supergraph', outcome: 'failed' })).toBe(3);
  });

  it('lets a request in flight finish on the supergraph it started on', async () => {
    const file = join(dir, 'in-flight.graphql');
    const gateway = await gatewayOn(file, foreign.supergraph(), new MemoryLog());
    const gate = foreign.newGate();
    // Held in the catalog, before the inventory is asked for the warehouse.
    const inFlight = gql(gateway.graphqlUrl, '{ product(upc: "slow") { name warehouse } }');
    await until(async () => (gate.waiting === 1 ? true : undefined), 'the request held in the catalog');

    // The inventory moves to its other deployment.
    const moved = release(file, foreign.supergraph({ inventory: 'b' }));
    await until(async () => ((await served(gateway.url)) === moved ? true : undefined), 'the moved inventory served');
    expect((await gql(gateway.graphqlUrl, '{ product(upc: "b1") { warehouse } }')).json).toEqual({ data: { product: { warehouse: 'B' } } });

    gate.release();
    expect((await inFlight).json).toEqual({ data: { product: { name: 'Roadside Picnic', warehouse: 'A' } } });
  });

  it('with a health check, keeps the old supergraph when a subgraph of the new one does not answer', async () => {
    const file = join(dir, 'health.graphql');
    const log = new MemoryLog();
    const released = foreign.supergraph();
    const gateway = await gatewayOn(file, released, log, { reload: { debounceMs: 50, healthCheck: true } });
    const unreachable = foreign.supergraph({ inventory: 'b' }).replace(foreign.inventoryB.url, 'http://127.0.0.1:9/graphql');
    release(file, unreachable);
    const result = await gateway.reload('request');
    expect(result.supergraph).toMatchObject({ outcome: 'failed', failure: 'unhealthy', sha256: supergraphHash(released) });
    await until(async () => (log.lines.some((line) => line.includes('"failure":"unhealthy"')) ? true : undefined), 'the unhealthy reload logged');
    expect(await served(gateway.url)).toBe(supergraphHash(released));
    expect(log.text()).toMatch(/subgraph inventory did not answer/);

    // Every subgraph answering, it is served.
    const sha256 = release(file, foreign.supergraph({ inventory: 'b' }));
    expect((await gateway.reload('request')).supergraph?.outcome).toMatch(/^(loaded|unchanged)$/);
    await until(async () => ((await served(gateway.url)) === sha256 ? true : undefined), 'the healthy supergraph served');
  });

  it('gateway/main reloads on SIGHUP when it is told not to watch the file', async () => {
    const file = join(dir, 'signal.graphql');
    const released = foreign.supergraph();
    writeFileSync(file, released);
    const gateway = await runEntryPoint('gateway/main.ts', {
      env: {
        PORT: '0',
        SUPERGRAPH_FILE: file,
        SUPERGRAPH_WATCH: 'false',
        // Never fetched: no request here carries a token.
        AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        AUTH_ISSUER: 'https://sign-on.city.test',
        INTERNAL_CREDENTIAL_PRIVATE_JWK: JSON.stringify(internal.privateJwk),
      },
    });
    if (gateway.kind !== 'started') throw new Error(`gateway/main did not start: ${gateway.stderr}`);
    const started: Started = gateway;
    try {
      const base = started.urls.gateway!.replace(/\/graphql$/, '');
      expect(await served(base)).toBe(supergraphHash(released));
      const next = release(file, foreign.supergraph({ isbn: true }));
      // Not watched: only the signal reloads it.
      expect((await gql(started.urls.gateway!, ISBN)).status).toBe(400);
      started.child.kill('SIGHUP');
      await until(async () => ((await served(base)) === next ? true : undefined), 'the supergraph reloaded on SIGHUP');
      expect((await gql(started.urls.gateway!, ISBN)).json).toEqual({ data: { product: { isbn: '978-5-b1' } } });
    } finally {
      await started.stop();
    }
  });
});
