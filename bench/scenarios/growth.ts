import { request } from 'undici';
import { realisticLatency } from '../../deploy/simulators';
import type { Person } from '../../legacy/population';
import { trustedDashboardBody } from '../dashboard-request';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** Legacy calls per dashboard as the family grows, and latency as concurrency grows to saturation. */
export const growth: Scenario = {
  id: 'growth',
  async run(harness, mode) {
    const population = harness.population;
    const pupils = (p: Person) => p.childIds.filter((id) => population.person(id)?.meshPersonId).length;
    const chosen = new Set<number>();
    const find = (label: string, predicate: (p: Person) => boolean) => {
      const person = population.findAdult((p) => !chosen.has(p.id) && p.payerCodes.length > 0 && p.vehicles.length > 0 && predicate(p));
      chosen.add(person.id);
      return { label, person };
    };
    const families = [
      find('0 children, 1 home, 1 car', (p) => p.childIds.length === 0 && p.payerCodes.length === 1 && p.vehicles.length === 1),
      find('1 child', (p) => p.childIds.length === 1 && pupils(p) === 1),
      find('3 children', (p) => p.childIds.length === 3 && pupils(p) === 3),
      find('5 children', (p) => p.childIds.length === 5 && pupils(p) >= 3),
      find('1 child, 3 homes, 3 cars', (p) => pupils(p) >= 1 && p.payerCodes.length === 3 && p.vehicles.length === 3),
    ];

    let backend = await harness.startBackend();
    let gateway = await harness.startGateway('ours', backend);
    const rows: Array<Record<string, string | number>> = [];
    const body = trustedDashboardBody();
    const perFamily: Array<Record<string, number>> = [];
    for (const { label, person } of families) {
      await harness.resetLegacyCalls(backend);
      const res = await request(Object.values(gateway.urls)[0]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await harness.signOn.issue(String(person.id))}` },
        body,
      });
      const answer = (await res.body.json()) as { errors?: unknown[] };
      const calls = await harness.legacyCalls(backend);
      perFamily.push(calls);
      rows.push({ resident: label, ...calls, total: Object.values(calls).reduce((a, b) => a + b, 0), errors: answer.errors?.length ?? 0 });
    }
    await harness.stop(gateway);
    await harness.stop(backend.process);

    // Latency as concurrency grows, at realistic legacy latencies.
    backend = await harness.startBackend(realisticLatency());
    gateway = await harness.startGateway('ours', backend);
    const tokens = await harness.tokens(dashboardResidents(population, FIRST_VIEW_POOL).map((p) => p.id));
    const url = Object.values(gateway.urls)[0]!;
    await harness.load({ url, body, credentials: tokens, connections: 20, durationSec: 3 });
    const sweep: Array<Record<string, string | number>> = [];
    for (const connections of [1, 10, 50, 200]) {
      const r = await harness.load({ url, body, credentials: tokens, connections, durationSec: mode === 'full' ? 15 : 5 });
      sweep.push({ connections, 'req/s': fmt.rps(r.rps), whole: r.whole, p50: fmt.ms(r.p50), p99: fmt.ms(r.p99), codes: fmt.codes(r.errorCodes) });
    }
    await harness.stop(gateway);
    await harness.stop(backend.process);

    const withChildren = perFamily.slice(1);
    const constant = withChildren.every((calls) => JSON.stringify(calls) === JSON.stringify(withChildren[0]));
    return {
      name: '3. Cost as work grows',
      setup:
        "One dashboard per resident, legacy calls read from the simulators' counters; then the dashboard at 1, 10, 50 and 200 connections with realistic legacy latencies, as fast as it goes.",
      rows,
      targets: [
        {
          target: 'legacy calls per dashboard do not grow with children, homes or cars',
          measured: constant ? 'the same per system for 1 to 5 children, 3 homes, 3 cars' : 'they differ',
          met: constant,
        },
      ],
      notes: [
        'Latency as concurrency grows:',
        ...sweep.map((r) => `${r.connections} connections: ${r['req/s']} req/s, ${r.whole} whole, p50 ${r.p50}, p99 ${r.p99}, not whole by code: ${r.codes}`),
        'A resident without children costs the school system nothing and the registry one call less (no one to check guardianship for).',
      ],
    };
  },
};
