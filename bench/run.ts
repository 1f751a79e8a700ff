import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../platform/config';
import { Harness } from './harness';
import { runtimeCaveat } from './production-runtime';
import { renderMarkdown } from './report';
import type { Mode, Scenario, ScenarioResult } from './scenario';
import { capacity } from './scenarios/capacity';
import { faults } from './scenarios/faults';
import { gatewayCost } from './scenarios/gateway-cost';
import { growth } from './scenarios/growth';
import { legacyFloor } from './scenarios/legacy-floor';
import { overload } from './scenarios/overload';
import { payments } from './scenarios/payments';
import { repeatViews } from './scenarios/repeat-views';
import { repeatedEntities } from './scenarios/repeated-entities';
import { soak } from './scenarios/soak';

// Overload runs before legacy-floor and soak: it measures the capacity they take their rates from.
const SCENARIOS: Scenario[] = [gatewayCost, repeatedEntities, growth, repeatViews, overload, legacyFloor, soak, capacity, faults, payments];

/**
 * `npm run bench [-- --full] [-- --only gateway-cost,soak]`: starts the system in production mode
 * over real HTTP, drives it from a load generator in its own process, prints a markdown table
 * and writes the same figures as JSON to bench/results/.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { full: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const mode: Mode = values.full ? 'full' : 'short';
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown?.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const selected = SCENARIOS.filter((s) => !only || only.includes(s.id));
  const startedAt = new Date().toISOString();
  const caveat = runtimeCaveat();
  if (caveat) process.stderr.write(`bench: ${caveat}\n`);
  const harness = await Harness.create();
  const results: ScenarioResult[] = [];
  // A scenario that fails is reported and the rest still run: a long run keeps what it measured.
  const failed: string[] = [];
  try {
    for (const scenario of selected) {
      process.stderr.write(`bench: ${scenario.id} (${mode})…\n`);
      try {
        results.push(await scenario.run(harness, mode));
      } catch (error) {
        failed.push(scenario.id);
        process.stderr.write(`bench: ${scenario.id} failed: ${(error as Error).stack}\n`);
      }
    }
  } finally {
    await harness.close();
  }
  const command = `npm run bench${values.full ? ' -- --full' : ''}${only ? ` -- --only ${only.join(',')}` : ''}`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const markdown = renderMarkdown(results, { mode, command, startedAt, machine, caveat });
  process.stdout.write(`${markdown}\n`);
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.replace(/[:.]/g, '-')}-${mode}.json`);
  writeFileSync(file, JSON.stringify({ mode, command, startedAt, machine, results }, null, 2));
  process.stderr.write(`bench: wrote ${file}\n`);
  if (failed.length > 0) throw new Error(`${failed.join(', ')} failed; the others' figures are above and in ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
