import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../platform/config';

/** What is never copied: installed packages, build output, local state, version control. */
const LEFT_OUT = new Set(['node_modules', 'dist', 'coverage', '.dev', '.git', '.ci/.tools', 'bench/results']);

/** A throwaway copy of the repository a test may change at will, sharing this one's installed packages. */
export interface RepositoryCopy {
  root: string;
  remove(): void;
}

/**
 * Copies the working tree (what is committed and what is not yet, as a developer has it) without
 * `node_modules`, and links this repository's `node_modules` into it: the copy compiles, runs and
 * tests with exactly the packages of the lock, at the cost of a second of copying.
 */
export function makeRepositoryCopy(prefix = 'repository-copy-'): RepositoryCopy {
  const source = repoRoot();
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(source, root, {
    recursive: true,
    filter: (path) => {
      const inside = relative(source, path);
      return !LEFT_OUT.has(inside) && !inside.endsWith('.cpuprofile');
    },
  });
  symlinkSync(join(source, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under `dir` (packages and local state left out) → a digest of its content, to tell what changed. */
export function treeDigest(dir: string): Map<string, string> {
  const digest = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const inside = relative(dir, path);
      if (LEFT_OUT.has(inside)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) digest.set(inside, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return digest;
}

/**
 * `tsc -p tsconfig.json --noEmit` in `root`, through the compiler's API: the errors as tsc prints
 * them, none when the project type-checks.
 */
export function typeCheck(root: string): string[] {
  const configFile = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) return [ts.flattenDiagnosticMessageText(error.messageText, '\n')];
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim());
}
