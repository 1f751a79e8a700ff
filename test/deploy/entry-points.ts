import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../platform/config';

/**
 * The source a command of the image runs: `node dist/gateway/main.js` → `gateway/main.ts`, which
 * `npm run build` (tsconfig.build.json: every folder but tests) compiles to that path. Undefined
 * when the command names no built file or its source does not exist.
 */
export function entryPointSource(command: ReadonlyArray<string>): string | undefined {
  const script = command.find((arg) => arg.startsWith('dist/') && arg.endsWith('.js'));
  if (!script) return undefined;
  const source = `${script.slice('dist/'.length, -'.js'.length)}.ts`;
  return !source.endsWith('.test.ts') && !source.startsWith('test/') && existsSync(join(repoRoot(), source)) ? source : undefined;
}

/** Every service the image runs in a deployment, by its name in manifests, with its entry point. */
export const SERVICE_ENTRY_POINTS = {
  gateway: 'gateway/main.ts',
  residents: 'subgraphs/residents/main.ts',
  health: 'subgraphs/health/main.ts',
  school: 'subgraphs/school/main.ts',
  housing: 'subgraphs/housing/main.ts',
  parking: 'subgraphs/parking/main.ts',
  migrate: 'deploy/migrate-main.ts',
} as const;

/**
 * The packages the entry point `source` loads at run time, following its relative imports through
 * the sources: value imports, re-exports, `import()` and `require()`; `import type` is erased by
 * the build and not followed.
 */
export function runtimePackagesOf(source: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const tree = ts.createSourceFile(file, readFileSync(join(repoRoot(), file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const specifiers: string[] = [];
    const walk = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
      else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
      else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
        const [first] = node.arguments;
        if (first && ts.isStringLiteral(first)) specifiers.push(first.text);
      }
      ts.forEachChild(node, walk);
    };
    walk(tree);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const base = join(dirname(file), specifier);
        const next = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(join(repoRoot(), candidate)));
        if (!next) throw new Error(`${file}: cannot resolve ${specifier}`);
        visit(next);
      } else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
      }
    }
  };
  visit(source);
  return packages;
}
