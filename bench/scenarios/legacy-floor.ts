import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/** The floor's median, kept for the capacity scenario's "twice the critical path". */
export const criticalPath = { p50: 0 };

/**
 * The dashboard at a steady 100/s over simulators with realistic latencies, against the legacy
 * floor: the same legacy calls made straight through the adapters at the same rate.
 */
export const legacyFloor: Scenario = {
  id: 'legacy-floor',
  async run(harness, mode) {
    const seconds = mode === 'full' ? 30 : 10;
    const rate = 100;
    const backend = await harness.startBackend(realisticLatency());
    const ours = await harness.startGateway('ours', backend);
    const people = dashboardResidents(harness.population, FIRST_VIEW_POOL);
    const tokens = await harness.tokens(people.map((p) => p.id));
    const url = Object.values(ours.urls)[0]!;
    const body = trustedDashboardBody();
    await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: 3, overallRate: rate / 2 });
    const graph = await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: seconds, overallRate: rate });
    const floor = await harness.floor({ simulators: backend.simulatorUrls, personIds: people.map((p) => String(p.id)), rate, durationSec: seconds });
    await harness.stop(ours);
    await harness.stop(backend.process);
    criticalPath.p50 = floor.p50;
    const overhead50 = graph.p50 - floor.p50;
    const overhead99 = graph.p99 - floor.p99;
    return {
      name: '2. Overhead over the legacy floor',
      setup: `${rate} dashboards/s for ${seconds} s; simulator latency (ms, fixed + jitter): registry 9+2, EMIAS 108+24, MESH 54+12, housing 72+16, parking 36+8. The floor makes the same legacy calls straight through the adapters, in the order the data forces, at the same rate, with no GraphQL.`,
      rows: [
        { path: 'dashboard through the graph', p50: fmt.ms(graph.p50), p99: fmt.ms(graph.p99), errors: graph.errors, count: graph.requests },
        { path: 'legacy floor (adapters only)', p50: fmt.ms(floor.p50), p99: fmt.ms(floor.p99), errors: floor.errors, count: floor.count },
        { path: 'overhead of the graph', p50: fmt.ms(overhead50), p99: fmt.ms(overhead99), errors: '', count: '' },
      ],
      targets: [
        { target: 'overhead ≤ 10 ms at p50 at 100 dashboards/s', measured: fmt.ms(overhead50), met: overhead50 <= 10 },
        { target: 'overhead ≤ 30 ms at p99 at 100 dashboards/s', measured: fmt.ms(overhead99), met: overhead99 <= 30 },
        { target: 'no errors', measured: String(graph.errors + floor.errors), met: graph.errors + floor.errors === 0 },
      ],
    };
  },
};
