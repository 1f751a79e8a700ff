import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConformanceReport, verifySubgraph } from '../../conformance';
import { runToEnd } from '../../deploy/node-process';
import { type LaunchedProcess, launchProcess } from '../../deploy/process-launcher';
import { type DevKeys, DevSignOn, loadOrCreateDevKeys } from '../../legacy/sign-on';
import { repoRoot } from '../../platform/config';
import { runSubgraphNew } from '../../scaffold/cli';
import { runSchemaCheck } from '../../schema/checks';
import { codes, gql } from '../security/support/http';
import { makeRepositoryCopy, type RepositoryCopy, treeDigest, typeCheck } from '../support/repository-copy';

/**
 * `npm run <script> -- <args>` in `root`, as a department types it. Synchronous on purpose: nothing
 * else runs while the command works, as at a desk.
 */
function npmRun(root: string, script: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const run = runToEnd('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a refusal printed and whether the copy changed. */
async function refusal(root: string, args: string[]): Promise<{ code: number; stderr: string; changed: string[] }> {
  const before = treeDigest(root);
  let stderr = '';
  const code = await runSubgraphNew(
    args,
    {
      out: () => undefined,
      err: (text) => {
        stderr += text;
      },
    },
    root,
  );
  const after = treeDigest(root);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
  return { code, stderr, changed };
}

const SUMMARY = 'librarySummary { accountNumber status openItems updatedAt }';

/**
 * What docs/partners.md promises a department: one command makes a working subgraph. It runs in a
 * copy of this repository, as a department runs it in its clone; the copy then type-checks whole,
 * passes the schema check, and its `npm start` serves the new field on `me` through the gateway,
 * whose code the command did not touch. The conformance kit checks the running subgraph.
 */
describe('npm run subgraph:new -- library, in a copy of the repository', () => {
  let copy: RepositoryCopy;
  let command: { status: number | null; stdout: string; stderr: string };
  let typeErrors: string[];
  let keys: DevKeys;
  let system: LaunchedProcess | undefined;
  let processes: LaunchedProcess | undefined;
  const printed: string[] = [];
  const printedByProcesses: string[] = [];
  /** Where `npm start` says `label` listens (`gateway`, `subgraph:library`); its lines may still be arriving. */
  const urlOf = async (label: string, lines = printed): Promise<string> => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const line = lines.find((l) => l.startsWith(`${label} `));
      if (line) return line.split(' ')[1]!;
    }
    throw new Error(`npm start printed no ${label}: ${lines.join('\n')}`);
  };

  beforeAll(async () => {
    copy = makeRepositoryCopy('subgraph-scaffold-');
    command = npmRun(copy.root, 'subgraph:new', ['library']);
    if (command.status !== 0) throw new Error(`npm run subgraph:new failed (${command.status}):\n${command.stdout}\n${command.stderr}`);
    const keysFile = join(copy.root, '.dev', 'keys.json');
    keys = await loadOrCreateDevKeys(keysFile);
    // `npm start` and `npm start -- --processes` from the copy's sources (npm start builds them
    // first; tsx compiles them as they load), both starting while the type check holds this process.
    const start = (name: string, args: string[], lines: string[]) =>
      launchProcess(name, join(copy.root, 'deploy', 'start.ts'), {
        args,
        execArgv: ['-r', 'tsx/cjs'],
        env: { PORT: '0', DEV_KEYS_FILE: keysFile, LOG_LEVEL: 'warn', APOLLO_TELEMETRY_DISABLED: 'true' },
        // The gateway's line comes first; the rest of what it prints follows in the same write.
        expectUrls: 1,
        startTimeoutMs: 180_000,
        onOutput: (line) => lines.push(line),
      });
    const embedded = start('npm start in the copy', [], printed);
    const separate = start('npm start -- --processes in the copy', ['--processes', '--gateway-workers', '1'], printedByProcesses);
    typeErrors = typeCheck(copy.root);
    [system, processes] = await Promise.all([embedded, separate]);
    printed.push(...Object.entries(system.urls).map(([label, url]) => `${label} ${url}`));
    printedByProcesses.push(...Object.entries(processes.urls).map(([label, url]) => `${label} ${url}`));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([system?.stop(), processes?.stop()]);
    copy?.remove();
  }, 30_000);

  it('writes a subgraph that type-checks and passes npm run lint with the whole repository, and says what to do next', () => {
    expect(typeErrors).toEqual([]);
    const lint = npmRun(copy.root, 'lint', []);
    expect({ status: lint.status, findings: lint.status === 0 ? '' : `${lint.stdout}${lint.stderr}` }).toEqual({ status: 0, findings: '' });
    expect(command.stdout).toContain('Made the library subgraph over the legacy system library: Resident.librarySummary, staff scope library:read');
    expect(command.stdout).toMatch(/Next \(docs\/partners\.md, "Add a subgraph"\):\n {2}1\. /);
    expect(command.stdout).toContain('npm run contract:verify -- --subgraph library');
  });

  it('leaves the gateway as it was, and composes the supergraph and variants that npm run schema:check accepts', async () => {
    const ours = treeDigest(join(repoRoot(), 'gateway'));
    expect(treeDigest(join(copy.root, 'gateway'))).toEqual(ours);
    expect(readFileSync(join(copy.root, 'schema', 'supergraph.graphql'), 'utf8')).toContain('LIBRARY @join__graph(name: "library", url: "http://library.subgraphs.internal/graphql")');
    const { report } = await runSchemaCheck({ schemaDir: join(copy.root, 'schema'), operationsDir: join(copy.root, 'operations') });
    expect(report.problems).toEqual([]);
    expect(report.subgraphs).toContain('library');
  });

  it('serves librarySummary on me through the gateway to a resident, for the children they represent too, as the simulator recorded it', async () => {
    const recorded = JSON.parse(readFileSync(join(copy.root, 'adapters', 'library', 'fixtures', 'summary.json'), 'utf8')) as {
      summary: { person_id: string; account_number: string; status: string; open_items: number; updated_at: string };
    };
    const signOn = await DevSignOn.create(keys.signOn);
    const reply = await gql(await urlOf('gateway'), `{ me { id ${SUMMARY} children { id ${SUMMARY} } } }`, { token: await signOn.issue(recorded.summary.person_id) });
    expect(codes(reply)).toEqual([]);
    const me = reply.json?.data?.me as { id: string; librarySummary: unknown; children: Array<{ librarySummary: unknown }> };
    expect(me.librarySummary).toEqual({
      accountNumber: recorded.summary.account_number,
      status: recorded.summary.status.toUpperCase(),
      openItems: recorded.summary.open_items,
      updatedAt: recorded.summary.updated_at,
    });
    for (const child of me.children) expect([null, expect.objectContaining({ accountNumber: expect.stringMatching(/^LIB-\d{10}$/) })]).toContainEqual(child.librarySummary);
  });

  it('is started by npm start -- --processes too: its own process and simulator, found by the gateway at its SUBGRAPH_LIBRARY_URL', async () => {
    const signOn = await DevSignOn.create(keys.signOn);
    const reply = await gql(await urlOf('gateway', printedByProcesses), `{ me { ${SUMMARY} } }`, { token: await signOn.issue('1244') });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.me).toEqual({ librarySummary: expect.objectContaining({ accountNumber: 'LIB-0000001244' }) });
    expect(await urlOf('subgraph:library', printedByProcesses)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(await urlOf('legacy:library', printedByProcesses)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves staff holding the new scope library:read, with a token from the copy's own npm run token", async () => {
    const issued = npmRun(copy.root, 'token', ['staff', 'clerk-1', 'library:read', 'case 1'], { DEV_KEYS_FILE: join(copy.root, '.dev', 'keys.json') });
    expect(issued.status).toBe(0);
    const token = issued.stdout.trim().split('\n').pop()!;
    const reply = await gql(await urlOf('gateway'), `{ resident(id: "1244") { ${SUMMARY} } }`, { token });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.resident).toEqual({ librarySummary: expect.objectContaining({ accountNumber: expect.stringMatching(/^LIB-\d{10}$/) }) });
  });

  it('passes the conformance kit', async () => {
    const report = await verifySubgraph({
      subgraph: 'library',
      url: await urlOf('subgraph:library'),
      schemaDir: join(copy.root, 'schema'),
      privateJwk: keys.internal.privateJwk,
      ownerUrls: { residents: await urlOf('subgraph:residents') },
      person: '1244',
      otherPerson: '1014',
      // Generous on a shared two-core machine; the kit's stated time has its own test.
      maxMs: 10_000,
    });
    expect({ failed: report.checks.filter((check) => !check.ok), text: formatConformanceReport(report) }).toEqual({ failed: [], text: expect.stringContaining('PASSED') });
  });

  it('refuses, writing nothing, a name that is taken, a system that exists, a name that is no name, and a reserved word', async () => {
    expect(await refusal(copy.root, ['library'])).toEqual({ code: 1, stderr: expect.stringContaining('"library" is a subgraph of the graph already'), changed: [] });
    expect(await refusal(copy.root, ['health'])).toEqual({ code: 1, stderr: expect.stringContaining('"health" is a subgraph of the graph already'), changed: [] });
    expect(await refusal(copy.root, ['books', '--system', 'mesh'])).toEqual({ code: 1, stderr: expect.stringContaining('"mesh" is a legacy system of the graph already'), changed: [] });
    expect(await refusal(copy.root, ['Library_Card'])).toEqual({ code: 1, stderr: expect.stringContaining('is not a name for the subgraph'), changed: [] });
    expect(await refusal(copy.root, ['kit'])).toEqual({ code: 1, stderr: expect.stringContaining('"kit" is a reserved word'), changed: [] });
    expect(await refusal(copy.root, [])).toEqual({ code: 2, stderr: expect.stringContaining('usage: npm run subgraph:new -- <name>'), changed: [] });
  });
});
