import { parseArgs } from 'node:util';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../legacy/kit';
import { Population } from '../legacy/population';
import { refuseInProduction } from './production-posture';
import { LEGACY_SYSTEMS, SIMULATORS, type SystemFaults } from './simulators';

/**
 * All the simulators in one process, each on its own port: the legacy side of
 * `npm start -- --processes` and of the benchmark. Flags: --seed, --now; faults from the start as
 * JSON in `SIM_FAULTS` (e.g. realistic latency); `SIM_SERVICE_TOKEN`, the token integration clients
 * present (default the development one; the benchmark gives production-posture subgraphs their
 * own). Prints `legacy:<name> <url>` per simulator.
 * Development only (the development service token, admin endpoints open to anyone): refuses with
 * NODE_ENV=production.
 */
async function main(): Promise<void> {
  refuseInProduction('The simulators in one process (deploy/legacy-main)');
  const { values } = parseArgs({ args: process.argv.slice(2), options: { seed: { type: 'string' }, now: { type: 'string' } } });
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO-8601 instant, got ${values.now}`);
  let faults: SystemFaults = {};
  try {
    faults = process.env.SIM_FAULTS ? (JSON.parse(process.env.SIM_FAULTS) as SystemFaults) : {};
  } catch {
    throw new Error('SIM_FAULTS must be JSON: {"emias": [{"latencyMs": 120}], ...}');
  }
  const population = new Population(values.seed ? { seed: values.seed } : {});
  const clock = new AdjustableClock(now);
  const serviceToken = process.env.SIM_SERVICE_TOKEN || DEFAULT_SERVICE_TOKEN;
  const running: RunningSimulator[] = [];
  for (const system of LEGACY_SYSTEMS) {
    const sim = await startSimulator(SIMULATORS[system]({ population, clock, serviceToken }), { port: 0, clock, faults: faults[system] ?? [] });
    running.push(sim);
    process.stdout.write(`legacy:${system} ${sim.url}\n`);
  }
  const stop = (): void => {
    void Promise.all(running.map((sim) => sim.close())).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`legacy simulators failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
