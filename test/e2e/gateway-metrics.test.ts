import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { RESIDENT_DASHBOARD } from '../../operations';
import { postGraphQL } from '../support/graphql-client';
import { type Scrape, scrape } from '../support/prometheus-text';

/** Breaks or heals a simulator through its admin endpoint, as an operator's drill would. */
async function faults(system: EmbeddedSystem, name: 'emias', body: Record<string, unknown> | null): Promise<void> {
  const res = await request(`${system.simulators[name].url}/__admin/faults`, { method: body ? 'POST' : 'DELETE', body: body ? JSON.stringify(body) : undefined });
  await res.body.dump();
  if (res.statusCode >= 300) throw new Error(`faults: ${res.statusCode}`);
}

/** Scrapes until `check` holds, or fails with the last scrape's reason after the deadline. */
async function scrapeUntil(url: string, check: (metrics: Scrape) => boolean, deadlineMs = 10_000): Promise<Scrape> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const metrics = await scrape(url);
    if (check(metrics)) return metrics;
    if (Date.now() > end) throw new Error('the metrics never showed what was expected');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('GET /metrics on the gateway', () => {
  let system: EmbeddedSystem;

  beforeAll(async () => {
    system = await startEmbeddedSystem({
      logLevel: 'silent',
      // Two requests at once per principal, then refused: the rate-limit counter has something to count.
      gateway: { rateLimit: { perPrincipal: { perMinute: 1, burst: 2 }, perAddress: { perMinute: 10_000, burst: 10_000 } } },
    });
  });
  afterAll(() => system?.close());

  it('counts requests by published operation, errors by code, subgraph fetches, refusals and requests in flight, with no personal data in any label', async () => {
    const gateway = system.gateway.url;
    const dashboard = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: await system.tokenFor(1244) });
    expect(dashboard.errors).toBeUndefined();
    // A name the manifest does not publish, with digits that could be anyone's number.
    await postGraphQL(system.gateway.graphqlUrl, 'query Peek16004537791 { me { id } }', { token: await system.tokenFor(1005) });
    expect((await postGraphQL(system.gateway.graphqlUrl, '{ me { id } }', { token: 'not-a-token' })).status).toBe(401);
    const busy = await system.tokenFor(1014);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(system.gateway.graphqlUrl, '{ me { id } }', { token: busy })).status);
    expect(statuses).toEqual([200, 200, 429]);

    let metrics = await scrape(gateway);
    expect(metrics.value('gateway_request_duration_seconds_count', { operation: 'ResidentDashboard', outcome: 'ok' })).toBe(1);
    expect(metrics.value('gateway_request_duration_seconds_count', { operation: 'other', outcome: 'ok' })).toBe(3);
    for (const subgraph of ['residents', 'health', 'school', 'housing', 'parking', 'payments']) {
      expect(metrics.value('gateway_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    }
    expect(metrics.value('gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(metrics.value('gateway_errors_total', { code: 'RATE_LIMITED' })).toBe(1);
    expect(metrics.value('gateway_rate_limited_total')).toBe(1);
    expect(metrics.value('gateway_requests_in_flight')).toBe(0);
    expect(metrics.value('process_cpu_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);

    // EMIAS hangs: a dashboard stays in flight until the health subgraph's legacy deadline cuts it.
    await faults(system, 'emias', { hang: true });
    const hanging = postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: await system.tokenFor(1066) });
    await scrapeUntil(gateway, (m) => m.value('gateway_requests_in_flight') === 1);
    const partial = await hanging;
    await faults(system, 'emias', null);
    expect(partial.errors?.map((e) => e.extensions?.code)).toContain('LEGACY_TIMEOUT');
    metrics = await scrape(gateway);
    expect(metrics.value('gateway_requests_in_flight')).toBe(0);
    expect(metrics.value('gateway_request_duration_seconds_count', { operation: 'ResidentDashboard', outcome: 'partial' })).toBe(1);
    expect(metrics.value('gateway_errors_total', { code: 'LEGACY_TIMEOUT' })).toBeGreaterThanOrEqual(1);
    expect(metrics.value('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'health', outcome: 'errors' })).toBe(1);

    // A subgraph gone: its fetch fails outright.
    await system.subgraphs.parking.close();
    await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: await system.tokenFor(1244) });
    metrics = await scrape(gateway);
    expect(metrics.value('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'parking', outcome: 'failed' })).toBeGreaterThanOrEqual(1);

    // Every label value is a name from a fixed list: no ids, no tokens, no client-chosen names.
    const allowed: Record<string, RegExp> = {
      operation: /^(?:ResidentDashboard|[A-Z][A-Za-z]+|other)$/,
      outcome: /^(?:ok|partial|error|errors|http_error|timeout|failed|loaded|unchanged)$/,
      // The served graph of a supergraph reload: the whole one, or a contract variant by its configured name.
      graph: /^(?:supergraph|[a-z][a-z0-9-]*)$/,
      code: /^[A-Z_]+$/,
      subgraph: /^(?:residents|health|school|housing|parking|payments)$/,
      service: /^gateway$/,
      le: /^(?:[0-9.]+|\+Inf)$/,
    };
    const gatewayLabels = metrics.samples.filter((s) => s.name.startsWith('gateway_')).flatMap((s) => Object.entries(s.labels));
    expect(gatewayLabels.length).toBeGreaterThan(0);
    for (const [label, value] of gatewayLabels) expect({ label, value, allowed: allowed[label]?.test(value) ?? false }).toEqual({ label, value, allowed: true });
    const everyLabel = JSON.stringify(metrics.samples.map((s) => s.labels));
    for (const secret of ['1244', '1005', '1014', '1066', 'Peek', 'not-a-token']) expect(everyLabel).not.toContain(secret);
  });
});
