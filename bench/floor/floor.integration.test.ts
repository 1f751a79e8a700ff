import { request } from 'undici';
import { INTERNAL_CREDENTIAL_HEADER } from '../../platform/auth';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import { type EmbeddedFloor, startEmbeddedFloor } from './embedded-floor';
import { dashboardOf, floorRequestId, readFloorRecording } from './recorded-dashboards';

/** What one dashboard costs each legacy system (test/e2e/legacy-call-count holds the graph to it). */
const CALLS_PER_DASHBOARD = { registry: 3, emias: 5, mesh: 3, housing: 3, parking: 3 };
/** The subgraph fetches of one dashboard: payments twice, for the bills and for the fines. */
const FETCHES_PER_DASHBOARD = { residents: 1, health: 1, school: 1, housing: 1, parking: 1, payments: 2 };

describe('the committed floor recording', () => {
  const recording = readFloorRecording();

  it('holds what a dashboard exchanges today: the registry first, then the four systems, then the payments of the bills and fines they found', () => {
    for (const dashboard of recording.dashboards) {
      const fetches: Record<string, number> = {};
      for (const f of dashboard.fetches) fetches[f.subgraph] = (fetches[f.subgraph] ?? 0) + 1;
      expect(fetches).toEqual(FETCHES_PER_DASHBOARD);
      const residents = dashboard.fetches.findIndex((f) => f.subgraph === 'residents');
      for (const [i, f] of dashboard.fetches.entries()) {
        if (i === residents) expect(f.after).toBe(-1);
        // Payments waits for the bills and fines: after an answer that came after the registry's.
        else if (f.subgraph === 'payments') expect([-1, residents]).not.toContain(f.after);
        else expect(f.after).toBe(residents);
      }
      const calls: Record<string, number> = {};
      for (const fetch of dashboard.fetches) for (const call of fetch.legacyCalls) calls[call.system] = (calls[call.system] ?? 0) + 1;
      expect(calls).toEqual(CALLS_PER_DASHBOARD);
      expect(JSON.parse(dashboard.response.body)).toEqual({ data: { me: expect.objectContaining({ id: expect.any(String) }) } });
    }
  });

  it('keeps no internal credential, only filler of its length', () => {
    for (const fetch of recording.dashboards.flatMap((d) => d.fetches)) expect(fetch.request.headers[INTERNAL_CREDENTIAL_HEADER]).toMatch(/^x{100,}$/);
  });
});

describe('the system floor in one process', () => {
  const recording = readFloorRecording();
  let floor: EmbeddedFloor;

  beforeAll(async () => {
    floor = await startEmbeddedFloor(recording, { emias: [{ latencyMs: 5, jitterMs: 5 }] });
  });
  afterAll(() => floor.close());

  it('answers each dashboard with the recorded bytes, having made every recorded exchange below it once', async () => {
    const served = (standIns: Record<string, { served(): number }>) => Object.fromEntries(Object.entries(standIns).map(([k, s]) => [k, s.served()]));
    for (let i = 0; i < recording.dashboards.length; i++) {
      const legacyBefore = served(floor.legacy);
      const res = await request(floor.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"operationName":"ResidentDashboard"}' });
      const body = await res.body.text();
      expect(res.statusCode).toBe(200);
      expect(body).toBe(recording.dashboards[i]!.response.body);
      expect(dashboardOf(res.headers[REQUEST_ID_HEADER])).toBe(i);
      const legacyAfter = served(floor.legacy);
      // Systems a dashboard does not read (the card acquirer) have stand-ins that served nothing.
      const calls = Object.entries(legacyAfter).map(([k, after]) => [k, after - legacyBefore[k]!] as const);
      expect(Object.fromEntries(calls.filter(([, n]) => n > 0))).toEqual(CALLS_PER_DASHBOARD);
    }
    const n = recording.dashboards.length;
    expect(served(floor.subgraphs)).toEqual(Object.fromEntries(Object.entries(FETCHES_PER_DASHBOARD).map(([name, perDashboard]) => [name, perDashboard * n])));
  });

  it('fails a request it has no recording for rather than answering something else', async () => {
    const res = await request(`${floor.subgraphs.health.url}/graphql`, { method: 'POST', headers: { [REQUEST_ID_HEADER]: floorRequestId(9999, 1) }, body: '{}' });
    await res.body.dump();
    expect(res.statusCode).toBe(404);
  });
});
