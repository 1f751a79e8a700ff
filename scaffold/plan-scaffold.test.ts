import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { repoRoot } from '../platform/config';
import { planScaffold, type ScaffoldOptions } from './plan-scaffold';
import { ScaffoldError } from './scaffold-error';

/** How planning refused, or that it did not. */
function refusalOf(options: ScaffoldOptions): { reason: string; message: string } | 'planned' {
  try {
    planScaffold(options);
    return 'planned';
  } catch (error) {
    if (error instanceof ScaffoldError) return { reason: error.reason, message: error.message };
    throw error;
  }
}

/** Every `subgraphConfigFromEnv(env, <port>)` of the subgraphs there are. */
function subgraphPortsInUse(): number[] {
  return readdirSync(join(repoRoot(), 'subgraphs'))
    .filter((name) => existsSync(join(repoRoot(), 'subgraphs', name, 'service.ts')))
    .flatMap((name) => [...readFileSync(join(repoRoot(), 'subgraphs', name, 'service.ts'), 'utf8').matchAll(/subgraphConfigFromEnv\(env, (\d+)\)/g)].map((m) => Number(m[1])));
}

describe('planning npm run subgraph:new over this repository (nothing is written)', () => {
  const { blueprint, plan, registrations, skipped } = planScaffold({ name: 'library' });
  const planned = plan.planned();
  const text = (file: string): string => {
    const found = planned.get(file);
    if (found === undefined) throw new Error(`${file} is not planned`);
    return found;
  };

  it('makes the contract, the adapter, the simulator, the subgraph and its manifest, none of which exists yet', () => {
    expect(plan.createdFiles.sort()).toEqual(
      [
        'schema/library.graphql',
        ...['client.ts', 'errors.ts', 'fixtures/README.md', 'index.ts', 'mapper.test.ts', 'mapper.ts', 'port.ts', 'wire.ts'].map((f) => `adapters/library/${f}`),
        ...['README.md', 'accounts.ts', 'index.ts', 'main.ts', 'simulator.ts'].map((f) => `legacy/library/${f}`),
        ...['audit-policy.ts', 'context.ts', 'index.ts', 'library.integration.test.ts', 'loaders.ts', 'main.ts', 'parents.ts', 'resolvers.ts', 'service.ts'].map(
          (f) => `subgraphs/library/${f}`,
        ),
        'deploy/kubernetes/base/library.yaml',
      ].sort(),
    );
    for (const file of [...plan.createdFiles, 'subgraphs/library', 'legacy/library', 'adapters/library'])
      expect({ file, exists: existsSync(join(repoRoot(), file)) }).toEqual({ file, exists: false });
  });

  it('writes a contract that extends Resident by its key with one nullable, tagged and priced field', () => {
    const contract = text('schema/library.graphql');
    expect(contract).toContain('type Resident @key(fields: "id") {');
    expect(contract).toMatch(/^ {2}librarySummary: LibrarySummary @tag\(name: "library"\) @cost\(weight: 1\)$/m);
    expect(contract).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@tag", "@cost"])');
  });

  it("registers it in every table keyed by subgraph or legacy system, in the tables' own layout", () => {
    expect(skipped).toEqual([]);
    expect(registrations.map((r) => r.file)).toEqual([
      'schema/subgraph-names.ts',
      'platform/auth/principal.ts',
      'codegen.ts',
      'deploy/simulators.ts',
      'deploy/embedded-system.ts',
      'deploy/process-topology.ts',
      'deploy/production-posture.ts',
      'deploy/production-posture.test.ts',
      'test/deploy/entry-points.ts',
      'test/deploy/kubernetes.test.ts',
      'test/security/production-posture.test.ts',
      'deploy/kubernetes/base/kustomization.yaml',
      'deploy/kubernetes/base/gateway.yaml',
      'deploy/kubernetes/base/network-policies.yaml',
      'deploy/kubernetes/overlays/production/network-ranges.yaml',
      'deploy/kubernetes/overlays/production/kustomization.yaml',
      'compose.yaml',
      'deploy/local-subgraphs.env',
      'Dockerfile',
    ]);
    expect(text('schema/subgraph-names.ts')).toMatch(/export const SUBGRAPH_NAMES = \[[^\]]*'payments', 'library'\] as const;/);
    expect(text('platform/auth/principal.ts')).toMatch(/export const SCOPES = \[[^\]]*'library:read'\] as const;/);
    expect(text('deploy/simulators.ts')).toMatch(/LEGACY_SYSTEMS = \[[^\]]*'library'\] as const/);
    expect(text('deploy/simulators.ts')).toContain("import { createLibrarySimulator } from '../legacy/library';");
    expect(text('deploy/embedded-system.ts')).toContain(
      "await start('library', (l, transports) =>\n      createLibrarySubgraph({ ...base, libraryUrl: simulators.library.url, libraryServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }),\n    );",
    );
    expect(text('deploy/process-topology.ts')).toContain('library: (s) => ({ LIBRARY_URL: s.library }),');
    expect(text('deploy/production-posture.ts')).toContain("library: ['LIBRARY_URL', 'LIBRARY_SERVICE_TOKEN'],");
    expect(text('codegen.ts')).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is generated code that holds a template literal
      "  library: {\n    context: 'LibraryContext',\n    mappers: {\n      Resident: `${PARENTS}#LibraryResident`,\n      LibrarySummary: `${ADAPTERS}/library#LibrarySummary`,\n    },\n  },\n};",
    );
  });

  it('deploys it as the others are: its manifest in the base, the gateway told where it is, its port let through', () => {
    const port = blueprint.subgraphPort;
    expect(subgraphPortsInUse()).not.toContain(port);
    expect(Math.max(...subgraphPortsInUse())).toBe(port - 1);
    expect(text('deploy/kubernetes/base/kustomization.yaml')).toMatch(/ {2}- payments\.yaml\n {2}- library\.yaml\n/);
    const manifest = parseAllDocuments(text('deploy/kubernetes/base/library.yaml')).map((doc) => doc.toJS() as { kind: string; metadata: { name: string } });
    expect(manifest.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/library-config',
      'Deployment/library',
      'Service/library',
      'HorizontalPodAutoscaler/library',
      'PodDisruptionBudget/library',
    ]);
    expect(text('deploy/kubernetes/base/gateway.yaml')).toContain(`  SUBGRAPH_LIBRARY_URL: http://library:${port}/graphql\n`);
    expect(text('deploy/kubernetes/base/network-policies.yaml').match(/endPort: \d+/g)).toEqual([`endPort: ${port}`, `endPort: ${port}`]);
    expect(text('deploy/kubernetes/overlays/production/network-ranges.yaml').match(/endPort: \d+/g)).toEqual([`endPort: ${port}`]);
    expect(text('deploy/kubernetes/overlays/production/kustomization.yaml')).toContain('      name: residents|school|housing|parking|payments|library\n');
    const compose = parseYaml(text('compose.yaml'), { merge: true }) as { services: Record<string, { command: string[]; environment: Record<string, string> }> };
    expect(compose.services.library?.command).toEqual(['node', 'dist/subgraphs/library/main.js']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is compose.yaml, whose ${VAR:?…} is Compose interpolation
    expect(compose.services.library?.environment).toMatchObject({ PORT: String(port), LIBRARY_URL: '${LIBRARY_URL:?the URL of the library system}', HOST: '0.0.0.0' });
    expect(compose.services.gateway?.environment.SUBGRAPH_LIBRARY_URL).toBe(`http://library:${port}/graphql`);
    expect(text('deploy/local-subgraphs.env')).toContain(`SUBGRAPH_LIBRARY_URL=http://127.0.0.1:${port}/graphql\n`);
  });

  it('names the legacy system apart when asked to', () => {
    const other = planScaffold({ name: 'library', system: 'abis' });
    expect(other.plan.createdFiles).toEqual(expect.arrayContaining(['adapters/abis/client.ts', 'legacy/abis/simulator.ts', 'subgraphs/library/service.ts']));
    const service = other.plan.planned().get('subgraphs/library/service.ts') ?? '';
    expect(service).toContain("abisUrl: envUrl(env, 'ABIS_URL'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is generated code that holds a template literal
    expect(other.plan.planned().get('codegen.ts')).toContain('LibrarySummary: `${ADAPTERS}/abis#AbisSummary`');
  });

  it.each<[string, ScaffoldOptions, string, RegExp]>([
    ['a subgraph that exists', { name: 'health' }, 'name-taken', /"health" is a subgraph of the graph already/],
    ['a legacy system that exists', { name: 'books', system: 'mesh' }, 'name-taken', /"mesh" is a legacy system of the graph already.*--system/],
    ['a system whose variables configure another subgraph', { name: 'books', system: 'fines' }, 'name-taken', /FINES_URL configures the parking subgraph already/],
    ['a name that is no name', { name: 'Books' }, 'invalid-name', /"Books" is not a name for the subgraph/],
    ['a system name that is no name', { name: 'books', system: 'Mesh' }, 'invalid-name', /is not a name for the legacy system/],
    ["the composed supergraph's file name", { name: 'supergraph' }, 'invalid-name', /reserved word/],
  ])('refuses %s', (_what, options, reason, message) => {
    expect(refusalOf(options)).toEqual({ reason, message: expect.stringMatching(message) });
  });
});

describe('planning against a graph that has the new names already', () => {
  let root: string;
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'plan-scaffold-'));
    write('schema/subgraph-names.ts', "export const SUBGRAPH_NAMES = ['residents'] as const;\n");
    write('deploy/simulators.ts', "export const LEGACY_SYSTEMS = ['registry'] as const;\n");
    write('subgraphs/residents/service.ts', 'subgraphConfigFromEnv(env, 4101)\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['a type of its name', 'type BooksSummary { id: ID }', /the graph has a type BooksSummary already/],
    ['an enum of its name', 'enum BooksAccountStatus { A }', /the graph has a type BooksAccountStatus already/],
    ['a Resident field of its name', 'type Resident { id: ID! booksSummary: Int }', /Resident has a field booksSummary already/],
  ])('refuses a name the supergraph has %s for, before writing anything', (_what, sdl, message) => {
    write('schema/supergraph.graphql', sdl);
    expect(refusalOf({ name: 'books', root })).toEqual({ reason: 'name-taken', message: expect.stringMatching(message) });
    expect(existsSync(join(root, 'schema', 'books.graphql'))).toBe(false);
  });

  it('refuses, naming the file, when a table it registers in is gone', () => {
    write('schema/supergraph.graphql', 'type Query { a: Int }');
    expect(refusalOf({ name: 'books', root })).toEqual({ reason: 'layout', message: expect.stringMatching(/^platform\/auth\/principal\.ts: is not in the repository/) });
  });
});
