import { startEmbeddedBackend, subgraphUrlsOf } from '../deploy/embedded-system';
import type { SystemFaults } from '../deploy/simulators';

/**
 * The benchmark's shared backend: the five simulators and the five subgraphs in one process, so
 * every gateway variant measured against it waits for exactly the same services.
 * `DEV_KEYS_FILE` names the keys; `SIM_FAULTS` (JSON) sets latency per system.
 */
async function main(): Promise<void> {
  const faults = JSON.parse(process.env.SIM_FAULTS ?? '{}') as SystemFaults;
  const backend = await startEmbeddedBackend({ keysFile: process.env.DEV_KEYS_FILE, faults, logLevel: 'silent' });
  for (const [name, url] of Object.entries(subgraphUrlsOf(backend))) process.stdout.write(`subgraph:${name} ${url}\n`);
  for (const [name, sim] of Object.entries(backend.simulators)) process.stdout.write(`legacy:${name} ${sim.url}\n`);
  const stop = (): void => void backend.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench backend failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
