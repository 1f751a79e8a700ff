import { Pool } from 'undici';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import type { SubgraphName } from '../../schema';
import { runInRecordedOrder } from './call-order';
import { type FloorRecording, floorRequestId } from './recorded-dashboards';
import { type StandIn, startReplayServer } from './replay-server';

/** Connections to each subgraph, as the gateway keeps them (`SUBGRAPH_CONNECTIONS`' default). */
const SUBGRAPH_CONNECTIONS = 64;

/**
 * A gateway that does no work: each request is the next recorded dashboard in turn; it sends that
 * dashboard's fetches as the query plan did (the registry first, then the four others together),
 * with the recorded bodies and headers under a request id of its own, reads the answers to the
 * end and answers the client with the recorded dashboard. No token check, no planning, no merging.
 */
export async function startGatewayStandIn(recording: FloorRecording, subgraphUrls: Readonly<Record<SubgraphName, string>>): Promise<StandIn> {
  const pools = new Map<SubgraphName, Pool>();
  for (const [name, url] of Object.entries(subgraphUrls) as Array<[SubgraphName, string]>) {
    pools.set(name, new Pool(new URL(url).origin, { connections: SUBGRAPH_CONNECTIONS, keepAliveTimeout: 30_000 }));
  }
  let serial = 0;
  const server = await startReplayServer(async () => {
    const index = serial % recording.dashboards.length;
    const dashboard = recording.dashboards[index]!;
    const requestId = floorRequestId(index, serial++);
    await runInRecordedOrder(dashboard.fetches, async (fetch) => {
      const response = await pools.get(fetch.subgraph)!.request({
        method: fetch.request.method as 'POST',
        path: fetch.request.path,
        headers: { ...fetch.request.headers, [REQUEST_ID_HEADER]: requestId },
        body: fetch.request.body,
      });
      await response.body.text();
      if (response.statusCode !== fetch.response.status) throw new Error(`${fetch.subgraph} answered ${response.statusCode}, recorded ${fetch.response.status}`);
    });
    return { ...dashboard.response, headers: { ...dashboard.response.headers, [REQUEST_ID_HEADER]: requestId } };
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
