import { request } from 'undici';
import { trustedDashboardBody } from '../dashboard-request';
import { dashboardResidents } from '../residents-pool';
import { type Scenario } from '../scenario';

/** The same residents opening the dashboard again within a minute: legacy calls per view. */
export const repeatViews: Scenario = {
  id: 'repeat-views',
  async run(harness) {
    const backend = await harness.startBackend();
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
    const saved = 1 - again.calls / first.calls;
    return {
      name: '4. Repeat views',
      setup: `${people.length} residents open the dashboard, then open it again within the minute.`,
      rows: [
        { view: 'first', 'legacy calls / view': first.calls.toFixed(1), 'mean latency': `${first.ms.toFixed(1)} ms` },
        { view: 'repeat within a minute', 'legacy calls / view': again.calls.toFixed(1), 'mean latency': `${again.ms.toFixed(1)} ms` },
      ],
      targets: [{ target: 'repeat views cost ≥ 80% fewer legacy calls', measured: `${Math.round(saved * 100)}% fewer`, met: saved >= 0.8 }],
    };
  },
};
