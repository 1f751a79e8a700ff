import { LEGACY_SYSTEMS } from '../../deploy/simulators';
import { startLegacyStandIn } from './legacy-stand-in';
import { readFloorRecording } from './recorded-dashboards';
import type { StandIn } from './replay-server';
import { faultsFromEnv, runStandInMain } from './stand-in-env';

/** The five legacy stand-ins in one process, as `deploy/legacy-main` runs the five simulators. Prints `legacy:<system> <url>`. */
runStandInMain('legacy stand-ins', async () => {
  const recording = readFloorRecording();
  const faults = faultsFromEnv();
  const running: StandIn[] = [];
  for (const system of LEGACY_SYSTEMS) {
    const standIn = await startLegacyStandIn(system, recording, faults);
    running.push(standIn);
    process.stdout.write(`legacy:${system} ${standIn.url}\n`);
  }
  return { close: async () => void (await Promise.all(running.map((s) => s.close()))) };
});
