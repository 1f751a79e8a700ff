import { parseArgs } from 'node:util';
import type { ScaffoldOptions } from './plan-scaffold';
import { ScaffoldError } from './scaffold-error';
import { type ScaffoldResult, scaffoldSubgraph } from './scaffold-subgraph';

export const USAGE = `usage: npm run subgraph:new -- <name> [--system <legacy system>]

Makes a working subgraph of the graph: its contract (schema/<name>.graphql), an adapter and a
simulator stub of the legacy system behind it (default: named like the subgraph), the subgraph
itself with its tests, its place in npm start, the deployment and the checks; then composes the
supergraph, generates the resolver types and runs the schema check.

  <name>             lower-case letters, digits and dashes, starting with a letter (library, library-card)
  --system <name>    the legacy system's name, when it is not the subgraph's
`;

/** Where the command writes: stdout for what it made, stderr for refusals. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `npm run subgraph:new -- <name>`: the command line over `scaffoldSubgraph`. Answers the exit
 * code: 0 made, 1 refused or failed (nothing written), 2 not asked properly.
 */
export async function runSubgraphNew(argv: readonly string[], output: CliOutput, root?: string): Promise<number> {
  let options: ScaffoldOptions;
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { system: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      output.out(USAGE);
      return 0;
    }
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0) {
      output.err(USAGE);
      return 2;
    }
    options = { name, ...(values.system === undefined ? {} : { system: values.system }), ...(root === undefined ? {} : { root }) };
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = await scaffoldSubgraph(options, (step) => output.out(`  … ${step}\n`));
    output.out(report(result));
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    output.err(`npm run subgraph:new: ${error.message}\nNothing was written.\n`);
    return 1;
  }
}

/** What was made, where it is registered, and what to do next. */
function report(result: ScaffoldResult): string {
  const { blueprint: b } = result;
  const folders = new Map<string, number>();
  for (const file of result.created) {
    const parts = file.split('/');
    const folder = ['adapters', 'legacy', 'subgraphs'].includes(parts[0] ?? '') && parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file;
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  const width = Math.max(...result.registrations.map((r) => r.file.length), ...[...folders.keys()].map((f) => f.length)) + 2;
  const lines = [
    '',
    `Made the ${b.subgraph.kebab} subgraph over the legacy system ${b.system.kebab}: Resident.${b.field}, staff scope ${b.scope}, port ${b.subgraphPort} (its simulator ${b.simulatorPort}).`,
    '',
    'Created:',
    ...[...folders].map(([folder, count]) => `  ${folder.padEnd(width)}${count > 1 ? `${count} files` : ''}`.trimEnd()),
    '',
    'Registered in:',
    ...result.registrations.map((r) => `  ${r.file.padEnd(width)}${r.what}`),
    '',
    `Composed and generated (npm run compose, npm run codegen; npm run schema:check passes):`,
    ...result.derived.map((file) => `  ${file}`),
    '',
    'Next (docs/partners.md, "Add a subgraph"):',
    ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
    '',
  ];
  return lines.join('\n');
}
