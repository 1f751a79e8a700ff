import type { Backend, Harness } from './harness';
import { dashboardResidents, FIRST_VIEW_POOL } from './residents-pool';

/** The critical path at realistic latencies, used only when a run measures none (`--only capacity`). */
const NOMINAL_CRITICAL_PATH_MS = 180;

/**
 * What one run measures that later scenarios are judged against: the critical path (the legacy
 * floor's median, the dashboard's legacy calls with no graph) and the capacity the overload
 * scenario's ramp found. The issue sets its latency targets at a third of the measured capacity
 * and against the critical path, so a scenario takes both from this run, not from a constant.
 */
export const measuredInRun: { criticalPathMs?: number; capacityPerSec?: number } = {};

/** The critical path, and where it came from, for the reports. */
export function criticalPath(): { ms: number; source: string } {
  return measuredInRun.criticalPathMs === undefined
    ? { ms: NOMINAL_CRITICAL_PATH_MS, source: 'nominal' }
    : { ms: measuredInRun.criticalPathMs, source: 'the legacy floor measured in this run' };
}

/**
 * Measures the critical path when the run has not yet: the legacy floor at a low rate, over the
 * given backend's simulators, for residents from the far end of the pool (the graph's runs start
 * at its beginning, and the floor's adapters are a fresh process each time anyway).
 */
export async function ensureCriticalPath(harness: Harness, backend: Backend, seconds: number): Promise<void> {
  if (measuredInRun.criticalPathMs !== undefined) return;
  const rate = 10;
  const people = dashboardResidents(harness.population, FIRST_VIEW_POOL);
  const personIds = people.slice(-(rate * seconds + 100)).map((p) => String(p.id));
  const floor = await harness.floor({ simulators: backend.simulatorUrls, personIds, rate, durationSec: seconds });
  if (floor.errors > 0 || !(floor.p50 > 0)) throw new Error(`the legacy floor failed ${floor.errors} of ${floor.count + floor.errors} dashboards: ${JSON.stringify(floor.errorKinds ?? {})}`);
  measuredInRun.criticalPathMs = floor.p50;
}
