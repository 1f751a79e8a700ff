import { realisticLatency } from '../../deploy/simulators';
import { trustedDashboardBody } from '../dashboard-request';
import type { LoadResult } from '../load-main';
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
    // A rate this machine carries without queueing, beside the target's: what the graph adds when
    // it is not waiting for a core.
    const sustainable = 25;
    const backend = await harness.startBackend(realisticLatency());
    const ours = await harness.startGateway('ours', backend);
    const people = dashboardResidents(harness.population, FIRST_VIEW_POOL);
    const tokens = await harness.tokens(people.map((p) => p.id));
    const url = Object.values(ours.urls)[0]!;
    const body = trustedDashboardBody();
    await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: 3, overallRate: rate / 4 });
    const rows: Array<Record<string, string | number>> = [];
    const measured: Record<number, { graph: LoadResult; floor: Awaited<ReturnType<typeof harness.floor>> }> = {};
    let offset = 0;
    for (const r of [sustainable, rate]) {
      const graph = await harness.load({ url, body, credentials: tokens, connections: 64, durationSec: seconds, overallRate: r });
      // The floor's adapters cache per principal too: each of its runs asks for residents it has not seen.
      offset += graph.requests + 500;
      const floorPeople = people.slice(offset, offset + r * seconds + 100).map((p) => String(p.id));
      offset += floorPeople.length;
      const floor = await harness.floor({ simulators: backend.simulatorUrls, personIds: floorPeople, rate: r, durationSec: seconds });
      measured[r] = { graph, floor };
      rows.push(
        { 'dashboards/s': r, path: 'dashboard through the graph', p50: fmt.ms(graph.p50), p99: fmt.ms(graph.p99), errors: graph.errors, count: graph.requests },
        { 'dashboards/s': r, path: 'legacy floor (adapters only)', p50: fmt.ms(floor.p50), p99: fmt.ms(floor.p99), errors: floor.errors, count: floor.count },
        { 'dashboards/s': r, path: 'overhead of the graph', p50: fmt.ms(graph.p50 - floor.p50), p99: fmt.ms(graph.p99 - floor.p99), errors: '', count: '' },
      );
    }
    await harness.stop(ours);
    await harness.stop(backend.process);
    const { graph, floor } = measured[rate]!;
    criticalPath.p50 = floor.p50;
    const overhead50 = graph.p50 - floor.p50;
    const overhead99 = graph.p99 - floor.p99;
    const errors = Object.values(measured).reduce((sum, m) => sum + m.graph.errors + m.floor.errors, 0);
    return {
      name: '2. Overhead over the legacy floor',
      setup: `${sustainable} and ${rate} dashboards/s for ${seconds} s each; simulator latency (ms, fixed + jitter): registry 9+2, EMIAS 108+24, MESH 54+12, housing 72+16, parking 36+8. The floor makes the same legacy calls straight through the adapters, in the order the data forces, at the same rate, with no GraphQL. ${FIRST_VIEW_POOL} residents, none seen twice.`,
      rows,
      targets: [
        { target: `overhead ≤ 10 ms at p50 at ${rate} dashboards/s`, measured: fmt.ms(overhead50), met: overhead50 <= 10 },
        { target: `overhead ≤ 30 ms at p99 at ${rate} dashboards/s`, measured: fmt.ms(overhead99), met: overhead99 <= 30 },
        { target: 'no errors', measured: String(errors), met: errors === 0 },
      ],
      notes: [
        `At ${sustainable}/s, which this machine carries without queueing, the graph adds ${fmt.ms(measured[sustainable]!.graph.p50 - measured[sustainable]!.floor.p50)} at p50 and ${fmt.ms(measured[sustainable]!.graph.p99 - measured[sustainable]!.floor.p99)} at p99.`,
      ],
    };
  },
};
