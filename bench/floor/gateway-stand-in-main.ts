import cluster from 'node:cluster';
import { createInterface } from 'node:readline';
import type { SubgraphName } from '../../schema';
import { startGatewayStandIn } from './gateway-stand-in';
import { readFloorRecording } from './recorded-dashboards';
import { jsonEnv, runStandInMain } from './stand-in-env';

/**
 * The gateway's stand-in as the gateway runs: `GATEWAY_WORKERS` cluster workers (default 1) on one
 * port, as `deploy/gateway-cluster-main` runs the gateway. `FLOOR_SUBGRAPH_URLS` (JSON, by
 * subgraph) says where the subgraph stand-ins are. Prints `gateway <url>` once every worker listens.
 */
const workers = Number(process.env.GATEWAY_WORKERS ?? 1);
if (cluster.isPrimary && workers > 1) {
  cluster.setupPrimary({ silent: true, execArgv: process.execArgv });
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    createInterface({ input: worker.process.stdout! }).on('line', (line) => {
      if (line.startsWith('gateway ') && ++ready === workers) process.stdout.write(`${line}\n`);
    });
    worker.process.stderr?.pipe(process.stderr);
  }
  const stop = (): void => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  runStandInMain('gateway stand-in', async () => {
    const standIn = await startGatewayStandIn(readFloorRecording(), jsonEnv<Record<SubgraphName, string>>('FLOOR_SUBGRAPH_URLS'));
    process.stdout.write(`gateway ${standIn.url}/graphql\n`);
    return standIn;
  });
}
