import { startEmbeddedFloor } from './embedded-floor';
import { readFloorRecording } from './recorded-dashboards';
import { faultsFromEnv, legacyConnectionsFromEnv, runStandInMain } from './stand-in-env';

/**
 * The system floor in one process, as the one-process graph (`bench/single-main`) is laid out:
 * the gateway, subgraph and legacy stand-ins, each on its own port. Prints `gateway <url>`.
 */
runStandInMain('floor', async () => {
  const floor = await startEmbeddedFloor(readFloorRecording(), faultsFromEnv(), legacyConnectionsFromEnv());
  process.stdout.write(`gateway ${floor.graphqlUrl}\n`);
  return floor;
});
