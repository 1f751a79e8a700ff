import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoResidents } from '../legacy/population';
import { envInt, envOptional, envString, repoRoot } from '../platform/config';
import { createLogger } from '../platform/logging';
import { startEmbeddedSystem } from './embedded-system';

/**
 * `npm start`: the embedded default. Five simulators with demo data, five subgraphs and the
 * gateway on one machine; prints where each listens and tokens for the demo residents.
 * Environment: PORT (gateway, default 4000), LOG_LEVEL (default info), SIM_NOW (pin the
 * simulators' clock to an ISO instant), SIM_SEED.
 */
async function main(): Promise<void> {
  parseArgs({ args: process.argv.slice(2), options: {} });
  const env = process.env;
  const now = envOptional(env, 'SIM_NOW');
  const logger = createLogger({ service: 'embedded', level: envString(env, 'LOG_LEVEL', 'info') });
  const system = await startEmbeddedSystem({
    gatewayPort: envInt(env, 'PORT', 4000, { min: 0, max: 65_535 }),
    keysFile: envOptional(env, 'DEV_KEYS_FILE') ?? join(repoRoot(), '.dev', 'keys.json'),
    logger,
    ...(now ? { now: new Date(now) } : {}),
    ...(env.SIM_SEED ? { seed: env.SIM_SEED } : {}),
  });

  const lines = [`gateway ${system.gateway.graphqlUrl}`, `sandbox ${system.gateway.graphqlUrl}  (open in a browser)`];
  for (const [name, subgraph] of Object.entries(system.subgraphs)) lines.push(`subgraph:${name} ${subgraph.url}/graphql`);
  for (const [name, sim] of Object.entries(system.simulators)) lines.push(`legacy:${name} ${sim.url}`);
  lines.push('', 'Demo residents (paste the header into Sandbox → Headers):');
  for (const demo of demoResidents(system.population)) {
    lines.push(`  ${demo.key} — person ${demo.person.id}: ${demo.description}`);
    lines.push(`  Authorization: Bearer ${await system.tokenFor(demo.person.id)}`);
  }
  lines.push('', 'A token for anyone else: npm run token -- <personId>');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    void system.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${(error as Error).message}\n`);
  process.exit(1);
});
