import { Pool } from 'undici';
import type { LegacySystem } from '../../deploy/simulators';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import type { SubgraphName } from '../../schema';
import { runInRecordedOrder } from './call-order';
import { dashboardOf, type FloorRecording, type RecordedFetch } from './recorded-dashboards';
import { type StandIn, startReplayServer } from './replay-server';

/** Connections to each legacy system, as a subgraph's transport keeps them by default (`LEGACY_CONNECTIONS`). */
const DEFAULT_LEGACY_CONNECTIONS = 32;

/**
 * A subgraph that does no work: for each fetch it makes the legacy calls the real subgraph made
 * for the same dashboard — the same requests, in the same order and parallelism, carrying the
 * request id — reads their answers to the end, and answers the recorded body. No GraphQL, no
 * credential check, no validation, no cache, no logging: the HTTP a subgraph cannot avoid.
 */
export async function startSubgraphStandIn(
  subgraph: SubgraphName,
  recording: FloorRecording,
  legacyUrls: Readonly<Record<LegacySystem, string>>,
  /** Sockets to each legacy system: the graph's `LEGACY_CONNECTIONS`, so both wait for a socket alike. */
  connections = DEFAULT_LEGACY_CONNECTIONS,
): Promise<StandIn> {
  const fetches = new Map<number, RecordedFetch>();
  recording.dashboards.forEach((dashboard, i) => {
    const fetch = dashboard.fetches.find((f) => f.subgraph === subgraph);
    if (fetch) fetches.set(i, fetch);
  });
  const pools = new Map<string, Pool>();
  const poolFor = (system: LegacySystem): Pool => {
    const origin = new URL(legacyUrls[system]).origin;
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections, keepAliveTimeout: 30_000 });
      pools.set(origin, pool);
    }
    return pool;
  };
  const server = await startReplayServer(async (req) => {
    const requestId = req.headers[REQUEST_ID_HEADER];
    const dashboard = dashboardOf(requestId);
    const fetch = dashboard === undefined ? undefined : fetches.get(dashboard);
    if (!fetch) return undefined;
    await runInRecordedOrder(fetch.legacyCalls, async (call) => {
      const response = await poolFor(call.system).request({
        method: call.request.method as 'GET',
        path: call.request.path,
        headers: { ...call.request.headers, [REQUEST_ID_HEADER]: requestId as string },
        body: call.request.body.length > 0 ? call.request.body : null,
      });
      await response.body.text();
      // A stand-in that lost its way must not pass for a served dashboard.
      if (response.statusCode !== call.response.status) throw new Error(`${call.system} answered ${response.statusCode}, recorded ${call.response.status}`);
    });
    return fetch.response;
  });
  return {
    url: server.url,
    served: server.served,
    close: async () => {
      await server.close();
      await Promise.all([...pools.values()].map((p) => p.close()));
    },
  };
}
