import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RESOLVER_TYPES, resolverTypesFile } from '../../codegen';
import { startNodeProcess } from '../../deploy/node-process';
import { repoRoot } from '../../platform/config';

/** The `graphql-codegen` command `npm run codegen` runs, started with this very Node. */
function codegenBin(): string {
  const manifest = require.resolve('@graphql-codegen/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const command = bin['graphql-codegen'];
  if (!command) throw new Error('@graphql-codegen/cli names no graphql-codegen command');
  return join(dirname(manifest), command);
}

interface CheckRun {
  passed: boolean;
  output: string;
}

/** `npm run codegen:check` in `cwd`: generates in memory and compares with the files there, writing nothing. */
function codegenCheck(cwd: string): Promise<CheckRun> {
  return new Promise((resolve) => {
    const child = startNodeProcess(codegenBin(), { args: ['--config', 'codegen.ts', '--check'], cwd, env: { ...process.env, CI: 'true' } });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('close', (code) => resolve({ passed: code === 0, output }));
  });
}

/** The files the codegen reads and compares, copied where a test may change them. */
function copyOfContractsAndTypes(): string {
  const root = mkdtempSync(join(tmpdir(), 'resolver-types-'));
  cpSync(join(repoRoot(), 'codegen.ts'), join(root, 'codegen.ts'));
  for (const name of Object.keys(RESOLVER_TYPES)) {
    cpSync(join(repoRoot(), 'schema', `${name}.graphql`), join(root, 'schema', `${name}.graphql`));
    const generated = join(root, resolverTypesFile(name));
    mkdirSync(dirname(generated), { recursive: true });
    cpSync(join(repoRoot(), resolverTypesFile(name)), generated);
  }
  // The plugins are found from the working directory, as in the project itself.
  symlinkSync(join(repoRoot(), 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const copies: string[] = [];
afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

describe('generated resolver types', () => {
  it('are what the contracts generate now (run `npm run codegen` after changing a contract)', async () => {
    const run = await codegenCheck(repoRoot());
    expect(run.output).not.toContain('stale files');
    expect(run.passed).toBe(true);
  }, 60_000);

  it('are reported stale, file by file, when a contract changed or a file is missing', async () => {
    const root = copyOfContractsAndTypes();
    copies.push(root);
    const contract = join(root, 'schema', 'school.graphql');
    const text = readFileSync(contract, 'utf8');
    const field = '  className: String!\n';
    expect(text.split(field)).toHaveLength(2);
    writeFileSync(contract, text.replace(field, `${field}  formTeacher: String\n`));
    rmSync(join(root, resolverTypesFile('parking')));

    const run = await codegenCheck(root);
    expect(run.passed).toBe(false);
    const stale = run.output.slice(run.output.indexOf('stale files'));
    expect(stale).toContain(resolverTypesFile('school'));
    expect(stale).toContain(resolverTypesFile('parking'));
    for (const name of ['residents', 'health', 'housing']) expect(stale).not.toContain(resolverTypesFile(name));
  }, 60_000);

  it('exist for every subgraph with resolvers, each from a contract in schema/', () => {
    const subgraphs = readdirSync(join(repoRoot(), 'subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot(), 'subgraphs', entry.name, 'resolvers.ts')))
      .map((entry) => entry.name);
    expect(subgraphs.length).toBeGreaterThan(0);
    expect(Object.keys(RESOLVER_TYPES).sort()).toEqual(subgraphs.sort());
    for (const name of subgraphs) expect(existsSync(join(repoRoot(), 'schema', `${name}.graphql`))).toBe(true);
  });
});
