import { INTERNAL_CREDENTIAL_HEADER } from '../../platform/auth';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import { recordDashboards } from './record';
import { readFloorRecording } from './recorded-dashboards';

describe('recording the floor from the graph', () => {
  beforeAll(() => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  });

  it('keeps every hop of a dashboard, in its order, as the committed recording does', async () => {
    const recording = await recordDashboards({ residents: 1 });
    const [dashboard] = recording.dashboards;
    const committed = readFloorRecording().dashboards[0]!;
    // The same resident as the committed recording's first (the benchmark's pool, in order), so the same exchanges.
    expect(dashboard!.response.body).toBe(committed.response.body);
    const shape = (d: typeof committed) =>
      // Payments' fetches start when the bills or the fines come, whichever of those answers is last: the order of the
      // machine's moment, not the plan's.
      d.fetches.map((f) => ({
        subgraph: f.subgraph,
        after: f.subgraph === 'payments' ? 'its keys' : f.after,
        calls: f.legacyCalls.map((c) => [c.system, c.after, c.request.method, c.request.path]),
      }));
    expect(shape(dashboard!)).toEqual(shape(committed));
    for (const fetch of dashboard!.fetches) {
      expect(fetch.request.headers[INTERNAL_CREDENTIAL_HEADER]).toMatch(/^x+$/);
      expect(fetch.response.status).toBe(200);
      // Every legacy call was made for this dashboard, under its request id.
      for (const call of fetch.legacyCalls) expect(call.request.headers[REQUEST_ID_HEADER]).toBe(fetch.request.headers[REQUEST_ID_HEADER]);
    }
  }, 120_000);
});
