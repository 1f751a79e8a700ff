import type ts from 'typescript';
import { addNamedImport, addProperty, appendString, assertParses, firstStringArgument, insertAfterLastCall, readKeys, readStringList, SourceEditError } from './source-edits';

const FILE = 'example.ts';

/** The error an edit throws, to look at its message and whether the entry was taken. */
function refusalOf(edit: () => unknown): SourceEditError {
  try {
    edit();
  } catch (error) {
    if (error instanceof SourceEditError) return error;
    throw error;
  }
  throw new Error('the edit was not refused');
}

describe('registering a subgraph in a TypeScript table', () => {
  it('appends to a list written on one line, keeping `as const` and the rest of the file', () => {
    const source = "/** Names. */\nexport const NAMES = ['residents', 'health'] as const;\nexport type Name = (typeof NAMES)[number];\n";
    const edited = appendString(source, FILE, ['NAMES'], 'library');
    expect(edited).toBe("/** Names. */\nexport const NAMES = ['residents', 'health', 'library'] as const;\nexport type Name = (typeof NAMES)[number];\n");
    expect(readStringList(edited, FILE, ['NAMES'])).toEqual(['residents', 'health', 'library']);
  });

  it('appends to a list over several lines on a line of its own, with or without a trailing comma', () => {
    expect(appendString("const LIST = [\n  'a',\n  'b',\n];\n", FILE, ['LIST'], 'c')).toBe("const LIST = [\n  'a',\n  'b',\n  'c',\n];\n");
    expect(appendString("const LIST = [\n  'a',\n  'b'\n];\n", FILE, ['LIST'], 'c')).toBe("const LIST = [\n  'a',\n  'b',\n  'c'\n];\n");
  });

  it('finds a list inside a map by its key, and a constant declared inside a function', () => {
    const source =
      "const SECRETS: Record<string, string[]> = {\n  'key-seal': ['secret'],\n  'legacy-service-tokens': ['registry', 'emias'],\n};\nfunction f() {\n  const base = { registry: 10 };\n  return base;\n}\n";
    const edited = addProperty(appendString(source, FILE, ['SECRETS', 'legacy-service-tokens'], 'library'), FILE, ['base'], 'library', '50');
    expect(edited).toContain("'legacy-service-tokens': ['registry', 'emias', 'library'],");
    expect(edited).toContain('const base = { registry: 10, library: 50 };');
  });

  it('adds an entry to a map over several lines, indenting a value of several lines under its key', () => {
    const source = "export const TYPES: Record<string, Source> = {\n  health: {\n    context: 'HealthContext',\n  },\n};\n";
    const edited = addProperty(source, FILE, ['TYPES'], "'library-card'", "{\n  context: 'LibraryCardContext',\n}");
    expect(edited).toBe(
      "export const TYPES: Record<string, Source> = {\n  health: {\n    context: 'HealthContext',\n  },\n  'library-card': {\n    context: 'LibraryCardContext',\n  },\n};\n",
    );
    expect(readKeys(edited, FILE, ['TYPES'])).toEqual(['health', 'library-card']);
  });

  it('refuses an entry that is there already as a name taken, and a missing table as a layout it does not know', () => {
    const taken = refusalOf(() => appendString("const NAMES = ['health'];", FILE, ['NAMES'], 'health'));
    expect(taken).toMatchObject({ taken: true, message: "example.ts: NAMES already holds 'health'" });
    expect(refusalOf(() => addProperty('const MAP = { health: 1 };', FILE, ['MAP'], 'health', '2'))).toMatchObject({ taken: true });
    expect(refusalOf(() => appendString('const OTHER = [];', FILE, ['NAMES'], 'x'))).toMatchObject({ taken: false, message: expect.stringContaining('the table NAMES is not there') });
    expect(refusalOf(() => appendString('const NAMES = {};', FILE, ['NAMES'], 'x')).message).toContain('NAMES is not a list');
    expect(refusalOf(() => appendString('let NAMES = [];\nfunction f() { const NAMES = []; }', FILE, ['NAMES'], 'x')).message).toContain('declared more than once');
  });

  it('imports into a new line after the imports that sort before it, or into the existing import of the module', () => {
    const source = "import { a } from '../subgraphs/health';\nimport { b } from '../subgraphs/parking';\n\nconst x = 1;\n";
    expect(addNamedImport(source, FILE, '../subgraphs/library', ['createLibrarySubgraph'])).toBe(
      "import { a } from '../subgraphs/health';\nimport { createLibrarySubgraph } from '../subgraphs/library';\nimport { b } from '../subgraphs/parking';\n\nconst x = 1;\n",
    );
    expect(addNamedImport(source, FILE, '../subgraphs/health', ['c'])).toBe("import { a, c } from '../subgraphs/health';\nimport { b } from '../subgraphs/parking';\n\nconst x = 1;\n");
    expect(addNamedImport(source, FILE, '../subgraphs/health', ['a'])).toBe(source);
  });

  it('adds a statement after the last call of its kind in a function, at its indentation', () => {
    const source =
      "async function startAll() {\n  const start = async (name: string) => name;\n  try {\n    await start('health');\n    await start('parking');\n\n    done();\n  } catch {}\n}\n";
    const taken = (call: ts.CallExpression): boolean => firstStringArgument(call) === 'library';
    const edited = insertAfterLastCall(source, FILE, 'startAll', 'start', "await start('library',\n  1);", taken);
    expect(edited).toBe(
      "async function startAll() {\n  const start = async (name: string) => name;\n  try {\n    await start('health');\n    await start('parking');\n    await start('library',\n      1);\n\n    done();\n  } catch {}\n}\n",
    );
    expect(refusalOf(() => insertAfterLastCall(edited, FILE, 'startAll', 'start', "await start('library');", taken))).toMatchObject({ taken: true });
    expect(refusalOf(() => insertAfterLastCall(source, FILE, 'stopAll', 'start', '', taken)).message).toContain('the function stopAll is not there');
  });

  it('refuses to keep an edit that no longer parses', () => {
    expect(() => assertParses('const a = [1, 2;', FILE)).toThrow(SourceEditError);
    expect(() => assertParses('const a = [1, 2];', FILE)).not.toThrow();
  });
});
