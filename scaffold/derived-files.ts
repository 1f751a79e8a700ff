import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { request } from 'undici';
import { runToEnd } from '../deploy/node-process';
import type * as LegacyKit from '../legacy/kit';
import type * as LegacyPopulation from '../legacy/population';
import { buildSchemaArtifacts, writeSchemaArtifacts } from '../schema';
import { formatCompositionFailure, formatSchemaCheck, runSchemaCheck } from '../schema/checks';
import { CONTRACTS_DIR } from '../schema/variants';
import type { Blueprint } from './blueprint';
import type { FilePlan } from './file-plan';
import { ScaffoldError } from './scaffold-error';
import { fixtureFile, SUMMARY_ENDPOINT } from './templates/adapter';

/**
 * What the command makes from the files it has written, as a department would by hand: the files
 * laid out by `npm run format`, the adapter's fixture recorded from the new simulator, `npm run compose`, `npm run codegen`, and
 * `npm run schema:check` to prove the result. Each step first lets the plan remember the files it
 * will rewrite, so a failure later takes everything back.
 */

/** The demo resident the fixture is recorded for, or the first person after them with an account. */
const FIXTURE_PERSON_FROM = 1244;

/**
 * Loads a module of the repository being written, by its path from the root: the code the command
 * has just created, which this process could not import when it started. The repository's own
 * TypeScript loader (tsx for `npm run`, Jest's transform in tests) compiles it.
 */
function loadFromRoot<T>(root: string, relative: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module written after this process started
  return require(join(root, relative)) as T;
}

/** Records the new simulator's answer for a sample resident into the adapter's fixtures. */
export async function recordFixture(plan: FilePlan, b: Blueprint): Promise<{ file: string; personId: number }> {
  const kit = loadFromRoot<typeof LegacyKit>(plan.root, 'legacy/kit');
  const { Population } = loadFromRoot<typeof LegacyPopulation>(plan.root, 'legacy/population');
  const simulator = loadFromRoot<Record<string, unknown>>(plan.root, `legacy/${b.system.kebab}`);
  const create = simulator[`create${b.system.pascal}Simulator`] as (deps: LegacyKit.SimulatorDeps) => LegacyKit.SimulatorDefinition;
  const accountOf = simulator.accountOf as (population: LegacyPopulation.Population, personId: number) => unknown;
  const population = new Population();
  let personId = FIXTURE_PERSON_FROM;
  while (accountOf(population, personId) === undefined) personId += 1;
  const running = await kit.startSimulator(create({ population, clock: new kit.AdjustableClock(), serviceToken: kit.DEFAULT_SERVICE_TOKEN }), { port: 0 });
  try {
    const path = SUMMARY_ENDPOINT.replace(/^GET /, '').replace(':personId', String(personId));
    const reply = await request(`${running.url}${path}`, { headers: { authorization: `Bearer ${kit.DEFAULT_SERVICE_TOKEN}` } });
    const body = await reply.body.text();
    if (reply.statusCode !== 200) throw new ScaffoldError('failed', `the new simulator answered HTTP ${reply.statusCode} for ${SUMMARY_ENDPOINT}`);
    const file = fixtureFile(b);
    plan.track(file);
    writeFileSync(join(plan.root, file), `${JSON.stringify(JSON.parse(body), null, 2)}\n`);
    return { file, personId };
  } finally {
    await running.close();
  }
}

/** `npm run compose`: the supergraph and every contract variant, with the new contract in them. Answers the files it changed. */
export function composeSchema(plan: FilePlan): string[] {
  const schemaDir = join(plan.root, 'schema');
  const outcome = buildSchemaArtifacts(schemaDir);
  if (!outcome.ok) throw new ScaffoldError('failed', `the contracts do not compose with the new one:\n${formatCompositionFailure(outcome)}`);
  const contractsDir = join(schemaDir, CONTRACTS_DIR);
  const existing = existsSync(contractsDir) ? readdirSync(contractsDir).map((name) => `schema/${CONTRACTS_DIR}/${name}`) : [];
  for (const file of [...existing, ...[...outcome.artifacts.files.keys()].map((name) => `schema/${name}`)]) plan.track(file);
  const { written } = writeSchemaArtifacts(schemaDir, outcome.artifacts);
  return written.map((path) => path.slice(plan.root.length + 1)).filter((file) => plan.rewritten(file));
}

/**
 * `npm run codegen`: every subgraph's resolver types from its contract, with `codegen.ts` as the
 * command has just extended it (read anew, for the same reason as the new modules). Answers the
 * files it changed.
 */
export async function generateResolverTypes(plan: FilePlan): Promise<string[]> {
  const configPath = join(plan.root, 'codegen.ts');
  delete require.cache[require.resolve(configPath)];
  const config = loadFromRoot<{ default: CodegenConfig }>(plan.root, 'codegen.ts').default;
  for (const file of Object.keys(config.generates)) plan.track(file);
  // Loaded when used: the code generator pulls in ES-only packages that a test importing the
  // command (for its refusals) has no need of.
  const { generate } = await import('@graphql-codegen/cli');
  await generate({ ...config, cwd: plan.root, silent: true }, true);
  return Object.keys(config.generates).filter((file) => plan.rewritten(file));
}

/** `npm run schema:check` over the result: it must pass before the command says it is done. */
export async function checkSchema(plan: FilePlan): Promise<void> {
  const { report } = await runSchemaCheck({ schemaDir: join(plan.root, 'schema'), operationsDir: join(plan.root, 'operations') });
  if (!report.ok) throw new ScaffoldError('failed', `npm run schema:check fails on the result:\n${formatSchemaCheck(report)}`);
}

/**
 * `npm run format` over the files the command wrote and edited, so the result passes `npm run lint`
 * as every other file does: the templates and the edits of registries produce the code, Biome lays
 * it out (line breaks, sorted imports) and applies its safe fixes. A finding it cannot fix fails the
 * step, and with it the command, which takes everything back.
 */
export function formatWritten(plan: FilePlan): void {
  const files = [...plan.createdFiles, ...plan.changedFiles];
  const biome = join(plan.root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const run = runToEnd(process.execPath, [biome, 'check', '--write', '--error-on-warnings', '--files-ignore-unknown=true', '--no-errors-on-unmatched', ...files], { cwd: plan.root });
  if (run.status !== 0) throw new ScaffoldError('failed', `npm run lint fails on the written files:\n${run.stdout}${run.stderr}`);
}
