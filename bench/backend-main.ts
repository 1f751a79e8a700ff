import { startEmbeddedBackend, subgraphUrlsOf } from '../deploy/embedded-system';
import type { SystemFaults } from '../deploy/simulators';
import { SUBGRAPH_NAMES } from '../schema';
import type { PaymentsConfig } from '../subgraphs/payments';

/**
 * The benchmark's shared backend: the simulators and the five subgraphs in one process, so
 * every gateway variant measured against it waits for exactly the same services.
 * `DEV_KEYS_FILE` names the keys; `SIM_FAULTS` (JSON) sets latency per system.
 */
async function main(): Promise<void> {
  const faults = JSON.parse(process.env.SIM_FAULTS ?? '{}') as SystemFaults;
  const startAt = process.env.SIM_START ? new Date(process.env.SIM_START) : undefined;
  // On disk, as `npm start` keeps them: in memory, the audit trail and the outbox would grow the
  // process's RSS with every row written, and a soak would measure the database, not the graph.
  const dataDir = process.env.BENCH_DATA_DIR;
  const backend = await startEmbeddedBackend({
    ...(dataDir ? { dataDir } : {}),
    keysFile: process.env.DEV_KEYS_FILE,
    faults,
    logLevel: 'silent',
    // Production's default; the repeat-views scenario measures it off too.
    freshReads: process.env.LEGACY_FRESH_READS !== 'false',
    ...(process.env.LEGACY_CONNECTIONS ? { legacyConnections: Number(process.env.LEGACY_CONNECTIONS) } : {}),
    // Gateways compared at the backend's capacity: a subgraph shedding there would hand them cheap partial answers.
    ...(process.env.BENCH_SUBGRAPH_SHEDDING === 'false' ? { subgraphAdmission: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { shedding: false }])) } : {}),
    ...(startAt ? { startAt } : {}),
    // The payments scenario paces the payments' worker to its short run (`BENCH_PAYMENTS`, JSON).
    ...(process.env.BENCH_PAYMENTS ? { payments: JSON.parse(process.env.BENCH_PAYMENTS) as PaymentsConfig['payments'] } : {}),
  });
  // The embedded database (the audit trail and the outbox) is open by now, but start-up work
  // (compiling, the sign-ins) goes on for a while; announced before that, the first seconds of a
  // measurement would time the start-up, not the graph.
  await settled();
  for (const [name, url] of Object.entries(subgraphUrlsOf(backend))) process.stdout.write(`subgraph:${name} ${url}\n`);
  for (const [name, sim] of Object.entries(backend.simulators)) process.stdout.write(`legacy:${name} ${sim.url}\n`);
  const stop = (): void => void backend.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Resolves once the process has been nearly idle for two windows in a row (start-up work done), or after 30 s. */
async function settled(windowMs = 250, busyShare = 0.1): Promise<void> {
  const until = Date.now() + 30_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < until) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = process.cpuUsage(before);
    quiet = (used.user + used.system) / 1000 < windowMs * busyShare ? quiet + 1 : 0;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench backend failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
