import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import { measuredInRun } from '../measured-in-run';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { sampleRuntime } from '../runtime-probe-client';
import { fmt, type Scenario } from '../scenario';

/** The rate used when this run has not measured the capacity (`--only soak`). */
const NOMINAL_RATE = 40;

/** A steady rate for minutes: memory and event-loop delay of every process, window by window. */
export const soak: Scenario = {
  id: 'soak',
  async run(harness, mode) {
    const windows = mode === 'full' ? 10 : 3;
    const windowSec = mode === 'full' ? 30 : 10;
    const warmUpSec = mode === 'full' ? 15 : 5;
    // Near the capacity measured in this run (scenario 5), below it so that what is measured is
    // memory and loop delay under a load the system carries, not the shedding of an overload.
    const rate = measuredInRun.capacityPerSec ? Math.floor(0.8 * measuredInRun.capacityPerSec) : NOMINAL_RATE;
    const backend = await harness.startBackend(realisticLatency());
    const gateway = await harness.startGateway('ours', backend);
    const tokens = await harness.tokens(dashboardResidents(harness.population, FIRST_VIEW_POOL).map((p) => p.id));
    const url = Object.values(gateway.urls)[0]!;
    const body = trustedDashboardBody();
    // Warmed at the same rate first, as the other steady scenarios are: a process that has just
    // started runs its code unoptimised, and what the soak measures is the steady state after.
    const warmUp = await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: warmUpSec, overallRate: rate });
    await sampleRuntime(gateway.child);
    await sampleRuntime(backend.process.child);
    const rows: Array<Record<string, string | number>> = [];
    const gatewayRss: number[] = [];
    const backendRss: number[] = [];
    const gatewayDelay: number[] = [];
    let errors = 0;
    for (let w = 1; w <= windows; w++) {
      const r = await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: windowSec, overallRate: rate });
      const g = await sampleRuntime(gateway.child);
      const b = await sampleRuntime(backend.process.child);
      errors += r.requests - r.whole;
      gatewayRss.push(g.rssBytes);
      backendRss.push(b.rssBytes);
      gatewayDelay.push(g.eventLoopDelay.p99);
      rows.push({
        window: `${(w - 1) * windowSec}–${w * windowSec} s`,
        'req/s': fmt.rps(r.rps),
        p99: fmt.ms(r.p99),
        'not whole, by code': fmt.codes(r.errorCodes),
        'gateway RSS': fmt.mb(g.rssBytes),
        'gateway loop delay p99': fmt.ms(g.eventLoopDelay.p99),
        'backend RSS': fmt.mb(b.rssBytes),
        'backend loop delay p99': fmt.ms(b.eventLoopDelay.p99),
      });
    }
    await harness.stop(gateway);
    await harness.stop(backend.process);
    // The first window still fills caches and pools; growth is judged from the second on.
    const growth = (series: number[]): number => {
      const settled = series.length > 1 ? series.slice(1) : series;
      return (settled.at(-1)! - settled[0]!) / settled[0]!;
    };
    const rssGrowth = growth(gatewayRss);
    const backendGrowth = growth(backendRss);
    const lastRss = gatewayRss.at(-1)!;
    const backendPeak = Math.max(...backendRss);
    const delayFirst = gatewayDelay[0]!;
    const delayLast = gatewayDelay.at(-1)!;
    return {
      name: '7. Soak',
      setup: `${rate} dashboards/s (${measuredInRun.capacityPerSec ? `80% of the ${fmt.rps(measuredInRun.capacityPerSec)}/s capacity measured in scenario 5` : 'nominal: no capacity measured in this run'}) for ${windows * windowSec} s at realistic latencies, after ${warmUpSec} s at that rate not counted (${warmUp.whole} of ${warmUp.requests} whole${warmUp.whole < warmUp.requests ? `; ${fmt.codes(warmUp.errorCodes)}` : ''}), ${FIRST_VIEW_POOL} residents rotating (none returns within a minute); offered open-loop, evenly spaced; runtime sampled in each process after every window.`,
      rows,
      targets: [
        { target: 'no growth trend in gateway RSS (≤ 15% after warm-up)', measured: `${Math.round(rssGrowth * 100)}%`, met: rssGrowth <= 0.15 },
        { target: 'no growth trend in backend RSS (≤ 15% after warm-up)', measured: `${Math.round(backendGrowth * 100)}%`, met: backendGrowth <= 0.15 },
        { target: 'no growth trend in event-loop delay', measured: `${fmt.ms(delayFirst)} → ${fmt.ms(delayLast)}`, met: delayLast <= Math.max(2 * delayFirst, delayFirst + 10) },
        { target: 'gateway RSS under 200 MB', measured: fmt.mb(lastRss), met: lastRss < 200 * 1024 * 1024 },
        {
          target: 'the embedded backend (five subgraphs and five simulators in one process) ≤ 400 MB RSS throughout',
          measured: `${fmt.mb(backendPeak)} at most`,
          met: backendPeak <= 400 * 1024 * 1024,
        },
        { target: 'no errors', measured: String(errors), met: errors === 0 },
      ],
    };
  },
};
