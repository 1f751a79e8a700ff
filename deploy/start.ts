import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { subgraphUrlsFromEnv } from '../gateway';
import { demoResidents, Population } from '../legacy/population';
import { DevSignOn, loadOrCreateDevKeys } from '../legacy/sign-on';
import { envInt, envOptional, envString, repoRoot } from '../platform/config';
import { createLogger } from '../platform/logging';
import { startTracing, type Tracing, tracingConfigFromEnv } from '../platform/telemetry';
import { startEmbeddedSystem } from './embedded-system';
import { childEnvironment } from './node-process';
import { startProcessTopology } from './process-topology';
import { refuseInProduction } from './production-posture';

/**
 * `npm start`: the embedded default. The simulators with demo data, five subgraphs and the
 * gateway (with the contract variants, reloading the supergraph when `npm run compose` rewrites
 * it) on one machine; prints where each listens and tokens for the demo residents.
 * `npm start -- --processes` runs every service as its own process instead (the gateway on
 * `--gateway-workers` cores, default 2), wired by environment variables as containers would be.
 * Environment: PORT (gateway, default 4000), LOG_LEVEL (default info), SIM_NOW (pin the
 * simulators' clock to an ISO instant; embedded mode), SIM_SEED, SUBGRAPH_<NAME>_URL (where a
 * subgraph other than ours runs, for a supergraph that names it), and the `OTEL_*` variables
 * (traces of the whole graph to a collector, under one service name in embedded mode).
 *
 * Development only: with NODE_ENV=production it refuses, before it makes keys or starts anything,
 * and says how production runs (each service from its own entry point).
 */
async function main(): Promise<void> {
  // The embedded gateway runs in this process: it gets what every process we start gets.
  Object.assign(process.env, childEnvironment(process.env));
  refuseInProduction(process.argv.includes('--processes') ? 'npm start -- --processes' : 'npm start');
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { processes: { type: 'boolean', default: false }, 'gateway-workers': { type: 'string', default: '2' } },
  });
  const env = process.env;
  const keysFile = envOptional(env, 'DEV_KEYS_FILE') ?? join(repoRoot(), '.dev', 'keys.json');
  const gatewayPort = envInt(env, 'PORT', 4000, { min: 0, max: 65_535 });
  const logLevel = envString(env, 'LOG_LEVEL', 'info');
  const keys = await loadOrCreateDevKeys(keysFile);
  const signOn = await DevSignOn.create(keys.signOn);
  const population = new Population(env.SIM_SEED ? { seed: env.SIM_SEED } : {});
  const family = demoResidents(population).find((d) => d.key === 'family')!.person;
  // Sandbox opens as the family's parent, so the operations of operations/ run at once.
  const sandboxAuthorization = `Bearer ${await signOn.issue(String(family.id))}`;

  let lines: string[];
  let close: () => Promise<void>;
  // Every process of --processes starts its own tracing from the same variables, which it inherits.
  let tracing: Tracing | undefined;
  if (values.processes) {
    const workers = Number(values['gateway-workers']);
    if (!Number.isInteger(workers) || workers < 1) throw new Error(`--gateway-workers must be a positive whole number, got ${values['gateway-workers']}`);
    const topology = await startProcessTopology({
      gatewayPort,
      gatewayWorkers: workers,
      keysFile,
      logLevel,
      gatewayEnv: { SANDBOX_AUTHORIZATION: sandboxAuthorization },
      onOutput: (_service, line) => process.stdout.write(`${line}\n`),
    });
    lines = [
      `gateway ${topology.gatewayUrl}   (${workers} process${workers > 1 ? 'es' : ''})`,
      ...Object.entries(topology.subgraphUrls).map(([name, url]) => `subgraph:${name} ${url}`),
      ...Object.entries(topology.simulatorUrls).map(([name, url]) => `legacy:${name} ${url}`),
    ];
    close = topology.close;
  } else {
    const now = envOptional(env, 'SIM_NOW');
    const logger = createLogger({ service: 'embedded', level: logLevel });
    tracing = startTracing(tracingConfigFromEnv(env), { serviceName: 'resident-graph', logger });
    const system = await startEmbeddedSystem({
      gatewayPort,
      keys,
      // As in production: repeat views are served from the per-principal cache for a minute.
      freshReads: true,
      // The audit trail (and the meter-reading outbox) survive a restart of `npm start`.
      dataDir: envOptional(env, 'DATA_DIR') ?? join(repoRoot(), '.dev', 'data'),
      ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      logger,
      ...(tracing.tracer ? { tracer: tracing.tracer } : {}),
      // What a developer on the graph wants: the variants, `npm run compose` taking effect at once,
      // and a department's own subgraph, run beside, found by its SUBGRAPH_<NAME>_URL.
      subgraphUrls: subgraphUrlsFromEnv(env),
      contracts: true,
      watchSchema: true,
      gateway: { sandbox: { headers: { Authorization: sandboxAuthorization } } },
      ...(now ? { now: new Date(now) } : {}),
      ...(env.SIM_SEED ? { seed: env.SIM_SEED } : {}),
    });
    lines = [
      `gateway ${system.gateway.graphqlUrl}`,
      ...Object.entries(system.gateway.contractUrls).map(([name, url]) => `contract:${name} ${url}`),
      ...Object.entries(system.subgraphs).map(([name, subgraph]) => `subgraph:${name} ${subgraph.url}/graphql`),
      ...Object.entries(system.simulators).map(([name, sim]) => `legacy:${name} ${sim.url}`),
    ];
    close = system.close;
  }

  const gatewayUrl = lines[0]!.split(' ')[1]!;
  lines.splice(1, 0, `sandbox ${gatewayUrl}  (open in a browser: the operations of operations/, signed in as the family's parent)`);
  lines.push('', 'Demo residents (paste the header into Sandbox → Headers):');
  for (const demo of demoResidents(population)) {
    lines.push(`  ${demo.key} — person ${demo.person.id}: ${demo.description}`);
    lines.push(`  Authorization: Bearer ${await signOn.issue(String(demo.person.id))}`);
  }
  lines.push(`  staff — a polyclinic doctor (health:read, residents:read) reading person ${family.id} through resident(id: "${family.id}"):`);
  lines.push(`  Authorization: Bearer ${await signOn.issueStaff('doctor-ivanova', ['health:read', 'residents:read'], 'appointment follow-up')}`);
  lines.push('', 'A token for anyone else: npm run token -- <personId>   (staff: npm run token -- staff <subject> <scope,scope> <purpose>)');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void close()
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${(error as Error).message}\n`);
  process.exit(1);
});
