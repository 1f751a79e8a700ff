import { request } from 'undici';
import { trustedDashboardBody } from '../dashboard-request';
import type { Harness } from '../harness';
import { dashboardResidents } from '../residents-pool';
import type { Scenario } from '../scenario';

/** The same residents opening the dashboard again within a minute: legacy calls per view. */
export const repeatViews: Scenario = {
  id: 'repeat-views',
  async run(harness) {
    const rows: Array<Record<string, string | number>> = [];
    let savedWithCache = 0;
    for (const freshReads of [true, false]) {
      const measured = await measure(harness, freshReads);
      rows.push(
        { cache: freshReads ? 'on' : 'off', view: 'first', 'legacy calls / view': measured.first.calls.toFixed(1), 'mean latency': `${measured.first.ms.toFixed(1)} ms` },
        { cache: freshReads ? 'on' : 'off', view: 'repeat within a minute', 'legacy calls / view': measured.again.calls.toFixed(1), 'mean latency': `${measured.again.ms.toFixed(1)} ms` },
      );
      if (freshReads) savedWithCache = 1 - measured.again.calls / measured.first.calls;
    }
    return {
      name: '4. Repeat views',
      setup: '20 residents open the dashboard, then open it again within the minute; with the per-principal cache of read-mostly data on (the default) and off.',
      rows,
      targets: [{ target: 'repeat views cost ≥ 80% fewer legacy calls', measured: `${Math.round(savedWithCache * 100)}% fewer with the cache on`, met: savedWithCache >= 0.8 }],
      notes: ['Appointments, meter readings and the parking balance are never served from this cache: the resident changes them and must see the change at once.'],
    };
  },
};

async function measure(harness: Harness, freshReads: boolean): Promise<{ first: { calls: number; ms: number }; again: { calls: number; ms: number } }> {
  const backend = await harness.startBackend({}, undefined, { freshReads });
  const gateway = await harness.startGateway('ours', backend);
  const people = dashboardResidents(harness.population, 20);
  const body = trustedDashboardBody();
  const view = async (token: string): Promise<number> => {
    const started = performance.now();
    const res = await request(Object.values(gateway.urls)[0]!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    await res.body.dump();
    return performance.now() - started;
  };
  const tokens = await harness.tokens(people.map((p) => p.id));
  const perView = async (): Promise<{ calls: number; ms: number }> => {
    await harness.resetLegacyCalls(backend);
    let ms = 0;
    for (const token of tokens) ms += await view(token);
    const calls = Object.values(await harness.legacyCalls(backend)).reduce((a, b) => a + b, 0);
    return { calls: calls / tokens.length, ms: ms / tokens.length };
  };
  const first = await perView();
  const again = await perView();
  await harness.stop(gateway);
  await harness.stop(backend.process);
  return { first, again };
}
