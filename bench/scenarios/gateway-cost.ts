import { InternalCredentialIssuer } from '../../platform/auth';
import { textDashboardBody, trustedDashboardBody } from '../dashboard-request';
import type { LoadResult } from '../load-main';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { sampleRuntime } from '../runtime-probe-client';
import { fmt, type Scenario } from '../scenario';
import { median } from '../stats';

interface Measured extends LoadResult {
  /** Milliseconds of the gateway process's CPU per request; undefined for the direct ceiling. */
  cpuPerRequest?: number;
}

/**
 * (a) our gateway, (b) a stock @apollo/gateway, (c) the registry subgraph alone for `me { id fullName }`,
 * on one backend at zero added latency, rounds interleaved so drift in the machine hits all three.
 */
export const gatewayCost: Scenario = {
  id: 'gateway-cost',
  async run(harness, mode) {
    const rounds = mode === 'full' ? 3 : 1;
    const seconds = mode === 'full' ? 15 : 6;
    const connections = 32;
    // The gateways are held to the backend's capacity; its subgraphs take everything, as before
    // they had admission control, so no gateway is handed partial answers that cost it less.
    const backend = await harness.startBackend({}, undefined, { shedding: false });
    // What a dashboard costs to serve, not to refuse: 32 connections on a busy machine keep the
    // gateway's event loop late, and its admission control would answer some with a cheap 503,
    // which the CPU per request would count (the overload scenario measures refusals).
    const ours = await harness.startGateway('ours', backend, { ADMISSION_SHEDDING: 'false' });
    const stock = await harness.startGateway('stock', backend);
    const floor = await harness.startGateway('floor', backend);
    const people = dashboardResidents(harness.population, FIRST_VIEW_POOL);
    const tokens = await harness.tokens(people.map((p) => p.id));
    // The subgraph takes a credential only for as long as the gateway's own live (two minutes), so
    // they are minted afresh before each run against it, as the gateway keeps renewing them. The
    // list is refilled in place: the harness carries on through it from run to run.
    const internal: string[] = [];
    const renewInternal = async (): Promise<void> => {
      const issuer = await InternalCredentialIssuer.create({ privateJwk: harness.keys.internal.privateJwk });
      internal.splice(0, internal.length, ...(await Promise.all(people.map((p) => issuer.credentialFor({ kind: 'resident', personId: String(p.id) }, 'residents')))));
    };

    const variants = {
      // Each as production frontends talk to it: ours takes the published operation by id; the stock one, text.
      ours: { url: Object.values(ours.urls)[0]!, process: ours, body: trustedDashboardBody(), credentials: tokens, header: undefined },
      stock: { url: Object.values(stock.urls)[0]!, process: stock, body: textDashboardBody(), credentials: tokens, header: undefined },
      floor: { url: Object.values(floor.urls)[0]!, process: floor, body: textDashboardBody(), credentials: tokens, header: undefined },
      direct: { url: backend.subgraphUrls.residents, process: undefined, body: JSON.stringify({ query: '{ me { id fullName } }' }), credentials: internal, header: 'x-internal-credential' },
    };
    const results: Record<keyof typeof variants, Measured[]> = { ours: [], stock: [], floor: [], direct: [] };
    // Warm-up: query plans cached, pools open, JIT done.
    for (const v of Object.values(variants)) {
      if (v.credentials === internal) await renewInternal();
      await harness.load({ url: v.url, body: v.body, credentials: v.credentials, header: v.header, connections, durationSec: 3 });
    }
    for (let round = 0; round < rounds; round++) {
      for (const [name, v] of Object.entries(variants) as Array<[keyof typeof variants, (typeof variants)[keyof typeof variants]]>) {
        if (v.credentials === internal) await renewInternal();
        const before = v.process ? await sampleRuntime(v.process.child) : undefined;
        const load = await harness.load({ url: v.url, body: v.body, credentials: v.credentials, header: v.header, connections, durationSec: seconds });
        const after = v.process ? await sampleRuntime(v.process.child) : undefined;
        results[name].push({ ...load, cpuPerRequest: before && after ? (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, load.whole) : undefined });
      }
    }
    await harness.stop(ours);
    await harness.stop(stock);
    await harness.stop(floor);
    await harness.stop(backend.process);

    const summary = (list: Measured[]) => ({
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      errors: list.reduce((s, r) => s + r.requests - r.whole, 0),
      codes: list.reduce<Record<string, number>>((all, r) => {
        for (const [code, n] of Object.entries(r.errorCodes)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
      cpu: list[0]?.cpuPerRequest === undefined ? undefined : median(list.map((r) => r.cpuPerRequest ?? 0)),
    });
    const a = summary(results.ours);
    const b = summary(results.stock);
    const c = summary(results.direct);
    const d = summary(results.floor);
    const row = (name: string, s: ReturnType<typeof summary>) => ({
      variant: name,
      'req/s': fmt.rps(s.rps),
      p50: fmt.ms(s.p50),
      p99: fmt.ms(s.p99),
      'not whole, by code': fmt.codes(s.codes),
      'gateway CPU / request': s.cpu === undefined ? '—' : fmt.ms(s.cpu),
    });
    const cpuRatio = (a.cpu ?? 0) / (b.cpu ?? 1);
    return {
      name: '1. Gateway cost',
      setup: `The dashboard query from ${connections} connections, ${rounds} round(s) of ${seconds} s per variant, interleaved, simulators at zero added latency, ${FIRST_VIEW_POOL} residents rotating (none returns within a minute, so no cache helps). Our gateway and the backend's subgraphs run with admission shedding off, so every request counted is a whole dashboard served. (c) is the registry subgraph queried directly for \`me { id fullName }\`: a ceiling, not a dashboard. (d) is the transport floor: the same subgraph calls with no GraphQL work.`,
      rows: [row('(a) our gateway', a), row('(b) stock @apollo/gateway', b), row('(c) registry subgraph directly', c), row('(d) transport floor (not a gateway)', d)],
      targets: [
        { target: 'our gateway CPU per dashboard ≤ 0.5× the stock gateway', measured: `a/b = ${fmt.ratio(cpuRatio)}`, met: cpuRatio <= 0.5 },
        { target: 'higher requests/s than the stock gateway', measured: `a/b = ${fmt.ratio(a.rps / b.rps)}`, met: a.rps > b.rps },
        { target: 'lower p99 than the stock gateway', measured: `${fmt.ms(a.p99)} vs ${fmt.ms(b.p99)}`, met: a.p99 < b.p99 },
        { target: 'no errors', measured: `${a.errors + b.errors + c.errors + d.errors}`, met: a.errors + b.errors + c.errors + d.errors === 0 },
      ],
      notes: [
        `a/c requests/s = ${fmt.ratio(a.rps / c.rps)} (the dashboard touches five subgraphs and ~20 legacy calls; c touches one subgraph and one).`,
        `(d) makes the query plan's five subgraph calls and merges the answers with no GraphQL work at all (bench/transport-floor-main.ts): the CPU no Node gateway can avoid. d/b = ${fmt.ratio((d.cpu ?? 0) / (b.cpu ?? 1))}; what our gateway spends above it is Apollo Server, the query-plan executor and result shaping: a − d = ${fmt.ms((a.cpu ?? 0) - (d.cpu ?? 0))} per dashboard.`,
      ],
    };
  },
};
