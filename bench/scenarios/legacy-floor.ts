import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import { measuredInRun } from '../measured-in-run';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** Issue 15's bounds on what the graph adds over the legacy floor, at a third of the measured capacity. */
const OVERHEAD_P50_MS = 15;
const OVERHEAD_P99_MS = 50;
/** The rate used when this run has not measured the capacity (`--only legacy-floor`): a third of what this machine carried in earlier runs. */
const NOMINAL_RATE = 15;

/**
 * What the graph adds to a dashboard over its legacy calls: the dashboard at a steady third of the
 * capacity the overload scenario measured in this run, over simulators with realistic latencies,
 * against the legacy floor (the same legacy calls straight through the adapters, at the same rate).
 * Its median is the critical path the other scenarios judge p99 against.
 */
export const legacyFloor: Scenario = {
  id: 'legacy-floor',
  async run(harness, mode) {
    const seconds = mode === 'full' ? 30 : 10;
    const capacity = measuredInRun.capacityPerSec;
    const rate = capacity ? Math.max(1, Math.floor(capacity / 3)) : NOMINAL_RATE;
    const backend = await harness.startBackend(realisticLatency());
    const ours = await harness.startGateway('ours', backend);
    const people = dashboardResidents(harness.population, FIRST_VIEW_POOL);
    const tokens = await harness.tokens(people.map((p) => p.id));
    const url = Object.values(ours.urls)[0]!;
    const body = trustedDashboardBody();
    try {
      await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: 3, overallRate: rate });
      const graph = await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: seconds, overallRate: rate });
      // The floor's adapters cache per principal too: it asks for residents the graph has not seen.
      const floorPeople = people.slice(graph.requests + 500, graph.requests + 600 + rate * seconds).map((p) => String(p.id));
      const floor = await harness.floor({ simulators: backend.simulatorUrls, personIds: floorPeople, rate, durationSec: seconds });
      measuredInRun.criticalPathMs = floor.p50;
      const overhead50 = graph.p50 - floor.p50;
      const overhead99 = graph.p99 - floor.p99;
      const notWhole = graph.requests - graph.whole;
      return {
        name: '6. Overhead over the legacy floor',
        setup: `${rate} dashboards/s for ${seconds} s, ${capacity ? `a third of the capacity measured in scenario 5 (${fmt.rps(capacity)}/s)` : 'a nominal rate (no capacity measured in this run)'}; simulator latency (ms, fixed + jitter): registry 9+2, EMIAS 108+24, MESH 54+12, housing 72+16, parking 36+8. The floor makes the same legacy calls straight through the adapters, in the order the data forces, at the same rate, with no GraphQL. ${FIRST_VIEW_POOL} residents, none seen twice.`,
        rows: [
          { path: 'dashboard through the graph', p50: fmt.ms(graph.p50), p99: fmt.ms(graph.p99), 'not whole, by code': fmt.codes(graph.errorCodes), count: graph.requests },
          { path: 'legacy floor (adapters only)', p50: fmt.ms(floor.p50), p99: fmt.ms(floor.p99), 'not whole, by code': fmt.codes(floor.errorKinds ?? {}), count: floor.count },
          { path: 'overhead of the graph', p50: fmt.ms(overhead50), p99: fmt.ms(overhead99), 'not whole, by code': '', count: '' },
        ],
        targets: [
          { target: `overhead ≤ ${OVERHEAD_P50_MS} ms at p50 at a third of capacity`, measured: `${fmt.ms(overhead50)} at ${rate}/s`, met: overhead50 <= OVERHEAD_P50_MS },
          { target: `overhead ≤ ${OVERHEAD_P99_MS} ms at p99 at a third of capacity`, measured: `${fmt.ms(overhead99)} at ${rate}/s`, met: overhead99 <= OVERHEAD_P99_MS },
          { target: 'no errors', measured: String(notWhole + floor.errors), met: notWhole + floor.errors === 0 },
        ],
      };
    } finally {
      await harness.stop(ours);
      await harness.stop(backend.process);
    }
  },
};
