import type { LegacySystem } from '../../deploy/simulators';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { readFloorRecording } from './recorded-dashboards';
import { jsonEnv, legacyConnectionsFromEnv, runStandInMain } from './stand-in-env';
import { startSubgraphStandIn } from './subgraph-stand-in';

/**
 * One subgraph's stand-in as a process of its own, as each subgraph runs: `FLOOR_SUBGRAPH` names
 * it, `FLOOR_LEGACY_URLS` (JSON, by system) says where the legacy stand-ins are. Prints
 * `subgraph:<name> <url>/graphql`.
 */
runStandInMain('subgraph stand-in', async () => {
  const name = process.env.FLOOR_SUBGRAPH as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name)) throw new Error(`FLOOR_SUBGRAPH must be one of ${SUBGRAPH_NAMES.join(', ')}`);
  const standIn = await startSubgraphStandIn(name, readFloorRecording(), jsonEnv<Record<LegacySystem, string>>('FLOOR_LEGACY_URLS'), legacyConnectionsFromEnv());
  process.stdout.write(`subgraph:${name} ${standIn.url}/graphql\n`);
  return standIn;
});
