import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { TrustedDocuments } from '../../gateway';
import { RESIDENT_DASHBOARD } from '../../operations';
import { repoRoot } from '../../platform/config';
import { postGraphQL } from '../support/graphql-client';
import { type Scrape, scrape } from '../support/prometheus-text';

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: Array<{ expr: string; refId: string }>;
  panels?: Panel[];
}

/** A series selector of a query: the metric's name and its label matchers. */
interface Selector {
  metric: string;
  matchers: Array<{ label: string; op: string; value: string }>;
}

/**
 * Reads a PromQL expression with Prometheus's own grammar (the one its UI uses): it must parse
 * without error, and every series selector in it is returned. Grafana's interval variables stand
 * for a duration.
 */
function selectorsOf(expr: string): Selector[] {
  const text = expr.replace(/\$__(?:rate_interval|interval|range)/g, '5m');
  const tree = parser.parse(text);
  const selectors: Selector[] = [];
  const errors: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(`at ${node.from}: ${text.slice(Math.max(0, node.from - 20), node.to + 20)}`);
      if (node.type.name !== 'VectorSelector') return;
      const name = node.node.getChild('Identifier');
      const matchers = node.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
      selectors.push({
        metric: name ? text.slice(name.from, name.to) : '',
        matchers: matchers.map((m) => ({
          label: text.slice(m.getChild('LabelName')!.from, m.getChild('LabelName')!.to),
          op: text.slice(m.getChild('MatchOp')!.from, m.getChild('MatchOp')!.to),
          value: JSON.parse(text.slice(m.getChild('StringLiteral')!.from, m.getChild('StringLiteral')!.to)) as string,
        })),
      });
    },
  });
  if (errors.length > 0) throw new Error(`not PromQL: ${expr}\n${errors.join('\n')}`);
  return selectors;
}

const read = (file: string): string => readFileSync(join(repoRoot(), 'deploy', 'observability', file), 'utf8');

describe('alert rules and the Grafana dashboard', () => {
  const rules = (parse(read('alerts.yaml')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups.flatMap((g) => g.rules);
  const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
  const flatten = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...flatten(p.panels ?? [])]);
  const dashboard = JSON.parse(read('dashboard.json')) as { uid: string; panels: Panel[]; templating: { list: Array<{ name: string; type: string }> } };
  const panels = flatten(dashboard.panels);
  const queries = [
    ...rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr })),
    ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))),
  ];
  const selectors = queries.flatMap((q) => selectorsOf(q.expr).map((s) => ({ ...s, where: q.where })));

  it('are well-formed: every query parses, every alert says how bad and what to do', () => {
    expect(queries.length).toBeGreaterThan(30);
    for (const rule of rules) {
      expect(Boolean(rule.alert) !== Boolean(rule.record)).toBe(true);
      if (!rule.alert) continue;
      expect({ alert: rule.alert, severity: rule.labels?.severity }).toEqual({ alert: rule.alert, severity: expect.stringMatching(/^(?:warning|critical)$/) });
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.description).toEqual(expect.any(String));
    }
    const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));
    expect(new Set(alerts).size).toBe(alerts.length);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'LegacySystemBreakerOpen',
        'DashboardErrorBudgetFastBurn',
        'DashboardLatencyBudgetFastBurn',
        'MeterReadingBacklog',
        'MeterReadingStuck',
        'AuditTrailWritesFailing',
      ]),
    );
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.templating.list).toEqual([expect.objectContaining({ name: 'datasource', type: 'datasource' })]);
  });

  it('name the dashboard operation as the trusted-documents manifest does', () => {
    const manifest = TrustedDocuments.fromFile(join(repoRoot(), 'operations', 'persisted-query-manifest.json'));
    const operations = selectors.flatMap((s) => s.matchers.filter((m) => m.label === 'operation' && m.op === '=').map((m) => m.value));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of new Set(operations)) expect(manifest.names).toContain(operation);
  });

  describe('against the running services', () => {
    let system: EmbeddedSystem;
    let scrapes: Array<{ service: string; metrics: Scrape }>;

    beforeAll(async () => {
      system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
      const token = await system.tokenFor(1244);
      const dashboardReply = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
      expect(dashboardReply.errors).toBeUndefined();
      // A reading submitted, so the outbox has worked once.
      const homes = await postGraphQL<{
        me: { homes: Array<{ payerCode: string; meters: Array<{ id: string; kind: string; canSubmitNow: boolean; lastReading: { value: number } | null }> }> };
      }>(system.gateway.graphqlUrl, '{ me { homes { payerCode meters { id kind canSubmitNow lastReading { value } } } } }', { token });
      const home = homes.data!.me.homes.find((h) => h.meters.some((m) => m.canSubmitNow))!;
      const meter = home.meters.find((m) => m.canSubmitNow)!;
      const submitted = await postGraphQL<{ submitMeterReadings: { results: Array<{ status: string }> } }>(
        system.gateway.graphqlUrl,
        readFileSync(join(repoRoot(), 'operations', 'SubmitMeterReadings.graphql'), 'utf8'),
        { token, variables: { input: { payerCode: home.payerCode, readings: [{ meterId: meter.id, value: (meter.lastReading?.value ?? 0) + 3 }] }, key: 'observability-test' } },
      );
      expect(submitted.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
      scrapes = [
        { service: 'gateway', metrics: await scrape(system.gateway.url) },
        ...(await Promise.all(Object.entries(system.subgraphs).map(async ([name, subgraph]) => ({ service: `subgraph:${name}`, metrics: await scrape(subgraph.url) })))),
      ];
    }, 120_000);
    afterAll(() => system?.close());

    it('export every metric the rules and the dashboard use', () => {
      const exported = new Set(scrapes.flatMap((s) => [...s.metrics.queryableNames()]));
      const missing = selectors.filter((s) => !recorded.has(s.metric) && !exported.has(s.metric)).map((s) => `${s.metric} (${s.where})`);
      expect(missing).toEqual([]);
    });

    it('carry every label the queries select on', () => {
      const samples = scrapes.flatMap((s) => s.metrics.samples);
      for (const selector of selectors.filter((s) => !recorded.has(s.metric))) {
        const labels = new Set(samples.filter((sample) => sample.name === selector.metric).flatMap((sample) => Object.keys(sample.labels)));
        for (const matcher of selector.matchers) {
          expect({ metric: selector.metric, label: matcher.label, present: labels.has(matcher.label) }).toEqual({ metric: selector.metric, label: matcher.label, present: true });
        }
      }
    });
  });
});
