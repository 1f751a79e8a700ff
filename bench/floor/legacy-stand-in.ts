import type { LegacySystem, SystemFaults } from '../../deploy/simulators';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import { dashboardOf, type FloorRecording, type RecordedResponse } from './recorded-dashboards';
import { type StandIn, startReplayServer } from './replay-server';

/**
 * A legacy system that does no work: it answers each call with the body the simulator gave the
 * same call when the dashboard was recorded, found by the dashboard the request id names and the
 * call's method and path. It waits as long as the simulator would (the whole-system latency and
 * jitter of `faults`), since a timer per answer is part of what a slow system costs its host too.
 */
export async function startLegacyStandIn(system: LegacySystem, recording: FloorRecording, faults: SystemFaults = {}): Promise<StandIn> {
  const answers = new Map<string, RecordedResponse>();
  recording.dashboards.forEach((dashboard, i) => {
    for (const fetch of dashboard.fetches) {
      for (const call of fetch.legacyCalls) if (call.system === system) answers.set(`${i} ${call.request.method} ${call.request.path}`, call.response);
    }
  });
  const rule = faults[system]?.find((r) => r.endpoint === undefined);
  const latencyMs = rule?.latencyMs ?? 0;
  const jitterMs = rule?.jitterMs ?? 0;
  return startReplayServer(async (req) => {
    const answer = answers.get(`${dashboardOf(req.headers[REQUEST_ID_HEADER])} ${req.method} ${req.url}`);
    const ms = latencyMs + (jitterMs ? Math.random() * jitterMs : 0);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    return answer;
  });
}
