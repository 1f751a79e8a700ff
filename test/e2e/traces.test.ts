import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProcessTopology, startProcessTopology } from '../../deploy/process-topology';
import { demoResidents, type Person, Population } from '../../legacy/population';
import { DevSignOn, loadOrCreateDevKeys } from '../../legacy/sign-on';
import { RESIDENT_DASHBOARD } from '../../operations';
import type { SubgraphName } from '../../schema';
import { postGraphQL } from '../support/graphql-client';
import { OtlpReceiver, type ReceivedSpan, SPAN_KIND } from '../support/otlp-receiver';
import { mentions, personalValuesOf } from '../support/personal-data';

/**
 * The subgraphs one dashboard reads, and the legacy system each exists to call (besides the
 * registry, which several ask); payments shows each bill's and fine's payment from its own
 * database, calling no system for it. A subgraph the dashboard does not read (one added with
 * `npm run subgraph:new`) runs beside them and takes no part in its trace.
 */
const OWN_SYSTEM = { residents: 'registry', health: 'emias', school: 'mesh', housing: 'housing', parking: 'parking', payments: null } as const satisfies Partial<
  Record<SubgraphName, string | null>
>;
const DASHBOARD_SUBGRAPHS = Object.keys(OWN_SYSTEM) as Array<keyof typeof OWN_SYSTEM>;

/**
 * Every service as its own process, as containers run, exporting to an OTLP/HTTP collector the
 * test runs: one dashboard is one trace from the client's request to the last legacy call,
 * across real HTTP hops that carry `traceparent`, and no span says anything personal.
 */
describe('traces end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'traces-'));
  let collector: OtlpReceiver;
  let topology: ProcessTopology;
  let family: Person;
  let population: Population;
  let token: string;
  const client = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
  let untracedRootTraceId: string;

  beforeAll(async () => {
    collector = await OtlpReceiver.start();
    const keysFile = join(dir, 'keys.json');
    const keys = await loadOrCreateDevKeys(keysFile);
    topology = await startProcessTopology({
      keysFile,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', APOLLO_TELEMETRY_DISABLED: 'true' },
    });
    population = new Population();
    family = demoResidents(population).find((d) => d.key === 'family')!.person;
    token = await (await DevSignOn.create(keys.signOn)).issue(String(family.id));

    // One dashboard as a client with no trace of its own sends it, one as part of the client's trace.
    const plain = await postGraphQL(topology.gatewayUrl, RESIDENT_DASHBOARD, { token });
    const traced = await postGraphQL(topology.gatewayUrl, RESIDENT_DASHBOARD, { token, headers: { traceparent: `00-${client.traceId}-${client.spanId}-01` } });
    // An operation name is free text in development: this one carries the resident's SNILS.
    const named = await postGraphQL(topology.gatewayUrl, `query Snils${family.snils.replace(/\D/g, '')} { me { id fullName snils } }`, { token });
    expect([plain.status, plain.errors, traced.status, traced.errors, named.errors]).toEqual([200, undefined, 200, undefined, undefined]);
    // Every process exports what it still holds as it stops.
    await topology.close();
    const root = collector.spans.find((s) => s.service === 'gateway' && s.kind === SPAN_KIND.server && s.parentSpanId === undefined && s.name === 'query ResidentDashboard');
    untracedRootTraceId = root?.traceId ?? 'none';
  }, 120_000);
  afterAll(async () => {
    await topology?.close();
    await collector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Checks one dashboard's trace and answers its spans. */
  function expectOneDashboardTrace(traceId: string): ReceivedSpan[] {
    const spans = collector.trace(traceId);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parentOf = (span: ReceivedSpan): ReceivedSpan | undefined => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let p = parentOf(span); p; p = parentOf(p)) chain.push(p);
      return chain;
    };

    // One root, the gateway's request; every other span's parent is in the same trace.
    const roots = spans.filter((s) => !s.parentSpanId || !byId.has(s.parentSpanId));
    expect(roots.map((s) => ({ service: s.service, name: s.name, kind: s.kind }))).toEqual([{ service: 'gateway', name: 'query ResidentDashboard', kind: SPAN_KIND.server }]);
    const root = roots[0]!;
    expect(root.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'ResidentDashboard', 'http.response.status_code': 200 });

    // @apollo/gateway's own spans under it: the request, its plan (planned once), one fetch per subgraph.
    const gatewayRequest = spans.find((s) => s.name === 'gateway.request');
    expect(gatewayRequest && parentOf(gatewayRequest)).toBe(root);
    const fetches = spans.filter((s) => s.name === 'gateway.fetch');
    expect(fetches.every((f) => ancestors(f).includes(gatewayRequest!))).toBe(true);
    expect(new Set(fetches.map((f) => f.attributes.service))).toEqual(new Set(DASHBOARD_SUBGRAPHS));

    for (const subgraph of DASHBOARD_SUBGRAPHS) {
      // Each subgraph's operation is the child of the gateway's fetch to that very subgraph.
      const operations = spans.filter((s) => s.service === subgraph && s.kind === SPAN_KIND.server);
      expect({ subgraph, operations: operations.length }).toEqual({ subgraph, operations: expect.any(Number) });
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        expect({ subgraph, name: operation.name, parent: parentOf(operation)?.name, fetchedFrom: parentOf(operation)?.attributes.service }).toEqual({
          subgraph,
          name: 'query ResidentDashboard',
          parent: 'gateway.fetch',
          fetchedFrom: subgraph,
        });
      }
      // Its legacy calls are its own spans, under its operation, labelled by system and endpoint.
      const calls = spans.filter((s) => s.service === subgraph && s.kind === SPAN_KIND.client);
      expect({ subgraph, systems: [...new Set(calls.map((c) => c.attributes['legacy.system']))] }).toEqual({
        subgraph,
        systems: expect.arrayContaining(OWN_SYSTEM[subgraph] === null ? [] : [OWN_SYSTEM[subgraph]]),
      });
      for (const call of calls) {
        expect(operations).toContain(ancestors(call).find((s) => s.kind === SPAN_KIND.server));
        expect(call.name).toBe(`${call.attributes['legacy.system']} ${call.attributes['legacy.endpoint']}`);
        expect(call.attributes).toMatchObject({ 'legacy.outcome': 'ok', 'legacy.retries': 0, 'legacy.breaker': 'closed' });
        // A repeat view may be served from the per-principal cache without asking the system.
        expect([call.attributes['legacy.served'], call.attributes['legacy.attempts'], call.attributes['http.response.status_code']]).toEqual(
          call.attributes['legacy.served'] === 'fresh-cache' ? ['fresh-cache', 0, undefined] : ['live', 1, 200],
        );
      }
    }
    return spans;
  }

  it('makes one dashboard one trace: the gateway, its plan and fetches, all five subgraphs and their legacy calls, each under its caller', () => {
    const spans = expectOneDashboardTrace(untracedRootTraceId);
    // The first dashboard was planned; the plan is part of its request.
    expect(spans.find((s) => s.name === 'gateway.plan')?.attributes['graphql.operation.name']).toBe('ResidentDashboard');
    expect(spans.filter((s) => s.kind === SPAN_KIND.client).length).toBeGreaterThanOrEqual(DASHBOARD_SUBGRAPHS.length);
  });

  it("continues the trace a client sent in traceparent: its span is the parent of the gateway's", () => {
    const spans = expectOneDashboardTrace(client.traceId);
    const root = spans.find((s) => s.service === 'gateway' && s.kind === SPAN_KIND.server);
    expect(root?.parentSpanId).toBe(client.spanId);
  });

  it('puts nothing personal in a span name or attribute: labels only', () => {
    expect(collector.refused).toEqual([]);
    const written = collector.spans.map((s) => JSON.stringify([s.name, s.attributes]));
    expect(written.length).toBeGreaterThan(40);
    // The operation named after a SNILS was traced, under the label every unpublished name shares.
    expect(collector.spans.filter((s) => s.service === 'gateway' && s.kind === SPAN_KIND.server).map((s) => s.name)).toContain('query other');
    for (const { what, value } of personalValuesOf(family, population)) {
      expect({ what, found: written.filter((text) => mentions(text, value)) }).toEqual({ what, found: [] });
    }
    for (const text of written) {
      // No token, no SNILS-like, OMS-like or date-like value, and no path with an id in it (a version, /api/1/, is no id).
      expect(text).not.toMatch(/eyJ[\w-]{10,}|\d{3}-\d{3}-\d{3} \d{2}|\d{16}|\d{4}-\d{2}-\d{2}|\/\d{3,}/);
    }
  });
});
