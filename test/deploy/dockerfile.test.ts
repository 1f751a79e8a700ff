import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { repoRoot } from '../../platform/config';
import { entryPointSource, runtimePackagesOf, SERVICE_ENTRY_POINTS } from './entry-points';

/**
 * The container image, checked statically (there is no Docker engine on the build machines): what
 * a reviewer would check by eye, read by a real Dockerfile parser.
 */
describe('Dockerfile', () => {
  const text = readFileSync(join(repoRoot(), 'Dockerfile'), 'utf8');
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  /** Instructions by stage, in order; a stage starts at each FROM. */
  const stages: Array<{ name: string | null; image: string; body: Instruction[] }> = [];
  const args = new Map(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()?.getName() ?? '', arg.getProperty()?.getValue() ?? '']));
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const [image = '', , name = null] = instruction.getArguments().map((a) => a.getValue());
      stages.push({ name, image: image.replace(/^\$\{?(\w+)\}?$/, (_, arg: string) => args.get(arg) ?? image), body: [] });
    } else stages.at(-1)?.body.push(instruction);
  }
  const runs = (stage: (typeof stages)[number]) => stage.body.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
  const build = stages[0]!;
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs from another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBe('build');
    expect(runs(build)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
    expect(runtime.body.filter((i) => i.getKeyword() === 'COPY').map((i) => i.getArgumentsContent())).toContain('/app/dist ./dist');
  });

  it('bases both stages on a supported Node line, pinned by tag', () => {
    for (const stage of stages) expect(stage.image).toMatch(/^node:(?:22|24)\.\d+\.\d+-[a-z]+-slim$/);
  });

  it('installs production dependencies only in the runtime stage, exactly as locked', () => {
    expect(runs(runtime)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    expect(text).not.toMatch(/npm install\b/);
    expect(runtime.body.find((i) => i.getKeyword() === 'ENV')?.getArgumentsContent()).toBe('NODE_ENV=production');
  });

  it('has every package a service loads among the production dependencies', () => {
    const { dependencies } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [service, source] of Object.entries(SERVICE_ENTRY_POINTS)) {
      const missing = [...runtimePackagesOf(source)].filter((name) => !(name in dependencies));
      expect({ service, missing }).toEqual({ service, missing: [] });
    }
  });

  it('runs as a numeric non-root user', () => {
    const users = runtime.body.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent() ?? '');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*(?::[1-9]\d*)?$/);
  });

  it('lets the command choose the service, the gateway by default, and leaves health to the probes', () => {
    const cmd = dockerfile.getCMDs();
    expect(cmd).toHaveLength(1);
    const argv = cmd[0]!.getJSONStrings().map((s) => s.getJSONValue());
    expect(argv).toEqual(['node', 'dist/gateway/main.js']);
    expect(entryPointSource(argv)).toBe('gateway/main.ts');
    expect(dockerfile.getENTRYPOINTs()).toHaveLength(0);
    expect(dockerfile.getHEALTHCHECKs()).toHaveLength(0);
  });

  it('copies into the runtime what the services read from disk', () => {
    const copied = runtime.body.filter((i) => i.getKeyword() === 'COPY').map((i) => i.getArgumentsContent() ?? '');
    expect(copied).toEqual(
      expect.arrayContaining(['/app/schema/*.graphql ./schema/', '/app/schema/contracts/ ./schema/contracts/', '/app/operations/persisted-query-manifest.json ./operations/']),
    );
  });

  it('keeps local state, keys and installed modules out of the build context', () => {
    const ignored = readFileSync(join(repoRoot(), '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.dev', '.ci/.tools']));
  });
});
