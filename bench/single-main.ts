import { startEmbeddedSystem } from '../deploy/embedded-system';
import type { SystemFaults } from '../deploy/simulators';

/** The whole graph in one process (the embedded default) for the capacity scenario's single-process side. */
async function main(): Promise<void> {
  const faults = JSON.parse(process.env.SIM_FAULTS ?? '{}') as SystemFaults;
  const system = await startEmbeddedSystem({
    keysFile: process.env.DEV_KEYS_FILE,
    faults,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    production: true,
    gateway: { rateLimit: false },
    ...(process.env.LEGACY_CONNECTIONS ? { legacyConnections: Number(process.env.LEGACY_CONNECTIONS) } : {}),
  });
  process.stdout.write(`gateway ${system.gateway.graphqlUrl}\n`);
  const stop = (): void => void system.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`single-process system failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
