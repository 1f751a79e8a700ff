import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { migrationConfigFromEnv } from '../../deploy/migrations';
import { gatewayConfigFromEnv } from '../../gateway';
import { type Env, repoRoot } from '../../platform/config';
import { healthConfigFromEnv } from '../../subgraphs/health';
import { housingConfigFromEnv } from '../../subgraphs/housing';
import { parkingConfigFromEnv } from '../../subgraphs/parking';
import { paymentsConfigFromEnv } from '../../subgraphs/payments';
import { residentsConfigFromEnv } from '../../subgraphs/residents';
import { schoolConfigFromEnv } from '../../subgraphs/school';

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
  payments: 'subgraphs/payments/main.ts',
} as const;

export type ServiceName = keyof typeof SERVICE_ENTRY_POINTS;

/** Each service's own configuration reader: what the service really reads from its environment. */
const CONFIG_READERS: Record<ServiceName, (env: Env) => unknown> = {
  gateway: gatewayConfigFromEnv,
  residents: residentsConfigFromEnv,
  health: healthConfigFromEnv,
  school: schoolConfigFromEnv,
  housing: housingConfigFromEnv,
  parking: parkingConfigFromEnv,
  migrate: migrationConfigFromEnv,
  payments: paymentsConfigFromEnv,
};

/** Read by Node itself rather than by the service's configuration. */
const RUNTIME_VARIABLES = new Set(['NODE_OPTIONS']);

/** Variable names that carry a secret, which must come from a secret store, never from a file. */
export const SECRET_LIKE = /(?:TOKEN|SECRET|PASSWORD|PRIVATE|_JWK$|^DATABASE_URL$|^REDIS_URL$)/;

/**
 * Starts `service`'s configuration reader on `values` (through a Proxy that records every name it
 * asks for) and answers the variables it never asked for. Files the image holds under `/app/` are
 * read from the same place in the repository (the Dockerfile copies them there), and must exist.
 * Throws what the reader throws: a variable it needs is missing or wrong.
 */
export function unreadVariables(service: ServiceName, values: Readonly<Record<string, string>>): string[] {
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    local[name] = value.startsWith('/app/') ? join(repoRoot(), value.slice('/app/'.length)) : value;
    if (value.startsWith('/app/') && !existsSync(local[name]!)) throw new Error(`${name}: ${value} is not in the image`);
  }
  const read = new Set<string>();
  const recording = new Proxy(local, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  CONFIG_READERS[service](recording);
  return Object.keys(values).filter((name) => !read.has(name) && !RUNTIME_VARIABLES.has(name));
}

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
