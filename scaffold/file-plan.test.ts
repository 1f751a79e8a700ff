import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilePlan } from './file-plan';
import { SourceEditError } from './source-edits';

describe('the files the command writes, planned first', () => {
  let root: string;
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'file-plan-'));
    mkdirSync(join(root, 'schema'));
    writeFileSync(join(root, 'schema', 'names.ts'), "export const NAMES = ['health'];\n");
    writeFileSync(join(root, 'schema', 'supergraph.graphql'), 'type Query { a: Int }\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes nothing until applied, then every file at once', () => {
    const plan = new FilePlan(root);
    plan.create('subgraphs/library/service.ts', 'service\n');
    plan.change('schema/names.ts', (text) => text.replace("'health'", "'health', 'library'"));
    plan.change('schema/names.ts', (text) => `// registered\n${text}`);
    expect(existsSync(join(root, 'subgraphs'))).toBe(false);
    expect(read('schema/names.ts')).toBe("export const NAMES = ['health'];\n");
    expect(plan.read('schema/names.ts')).toBe("// registered\nexport const NAMES = ['health', 'library'];\n");

    plan.apply();
    expect(read('subgraphs/library/service.ts')).toBe('service\n');
    expect(read('schema/names.ts')).toBe("// registered\nexport const NAMES = ['health', 'library'];\n");
    expect(plan.createdFiles).toEqual(['subgraphs/library/service.ts']);
    expect(plan.changedFiles).toEqual(['schema/names.ts']);
  });

  it('refuses to create a file that exists, as a name taken', () => {
    const plan = new FilePlan(root);
    let refusal: unknown;
    try {
      plan.create('schema/names.ts', '');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SourceEditError);
    expect(refusal).toMatchObject({ taken: true, message: 'schema/names.ts: exists already' });
    plan.create('schema/library.graphql', '');
    expect(() => plan.create('schema/library.graphql', '')).toThrow(SourceEditError);
  });

  it('takes back everything, the files later steps rewrote included, and only the folders it made', () => {
    const plan = new FilePlan(root);
    plan.create('subgraphs/library/generated/.keep', '');
    plan.change('schema/names.ts', () => 'changed\n');
    plan.apply();
    plan.track('schema/supergraph.graphql');
    plan.track('schema/contracts/public.graphql');
    writeFileSync(join(root, 'schema', 'supergraph.graphql'), 'composed\n');
    mkdirSync(join(root, 'schema', 'contracts'));
    writeFileSync(join(root, 'schema', 'contracts', 'public.graphql'), 'variant\n');
    expect(plan.rewritten('schema/supergraph.graphql')).toBe(true);
    expect(plan.rewritten('schema/names.ts')).toBe(false);

    plan.rollback();
    expect(read('schema/names.ts')).toBe("export const NAMES = ['health'];\n");
    expect(read('schema/supergraph.graphql')).toBe('type Query { a: Int }\n');
    expect(existsSync(join(root, 'schema', 'contracts', 'public.graphql'))).toBe(false);
    expect(existsSync(join(root, 'subgraphs'))).toBe(false);
    expect(existsSync(join(root, 'schema'))).toBe(true);
  });
});
