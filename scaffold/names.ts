/**
 * What a new subgraph (and the legacy system behind it) is called, in every form the repository
 * writes a name in: files and URLs, TypeScript identifiers, GraphQL types and environment variables.
 */
export interface Naming {
  /** As given: `library-card`. Folders, contract file, tag, scope, Kubernetes and Compose names. */
  kebab: string;
  /** `libraryCard`: GraphQL fields, configuration keys, functions. */
  camel: string;
  /** `LibraryCard`: GraphQL and TypeScript types, classes, factories. */
  pascal: string;
  /** `LIBRARY_CARD`: environment variables (`SUBGRAPH_LIBRARY_CARD_URL`, `LIBRARY_CARD_URL`). */
  constant: string;
  /** `libraryCard` or `'library-card'`: the name as a key of an object literal. */
  objectKey: string;
}

/** Lower-case letters and digits in words joined by single dashes, starting with a letter. */
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Kubernetes names (`<name>-config`) and environment variables stay readable below this. */
export const MAX_NAME_LENGTH = 30;

/**
 * Names that already mean something in the repository or would turn into invalid code: folders
 * beside the subgraphs, adapters and simulators (`kit`, `transport`, `population`); the files and
 * folders of `schema/` (`supergraph` would overwrite the composed graph); the tags and principals
 * the contract variants filter by (`audit`, `staff`, `identity`, `public`); the other services of
 * the deployment (`gateway`, `migrate`, `postgres`, `redis`); and words reserved in JavaScript and
 * GraphQL, which the generated code would use as identifiers.
 */
const RESERVED = new Set([
  // Repository folders and files
  'adapters',
  'bench',
  'checks',
  'conformance',
  'contracts',
  'deploy',
  'dist',
  'docs',
  'generated',
  'kit',
  'legacy',
  'operations',
  'platform',
  'population',
  'released',
  'scaffold',
  'schema',
  'subgraphs',
  'supergraph',
  'support',
  'test',
  'testing',
  'transport',
  'variants',
  // Tags, variants and principals
  'anonymous',
  'audit',
  'identity',
  'public',
  'resident',
  'resident-only',
  'staff',
  // Services of the deployment
  'gateway',
  'migrate',
  'postgres',
  'redis',
  'sandbox',
  // GraphQL
  'mutation',
  'query',
  'subscription',
  // JavaScript and TypeScript
  'any',
  'arguments',
  'as',
  'async',
  'await',
  'boolean',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'constructor',
  'continue',
  'debugger',
  'declare',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'eval',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'from',
  'function',
  'get',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'module',
  'namespace',
  'never',
  'new',
  'null',
  'number',
  'object',
  'of',
  'package',
  'private',
  'protected',
  'prototype',
  'require',
  'return',
  'set',
  'static',
  'string',
  'super',
  'switch',
  'symbol',
  'this',
  'throw',
  'true',
  'try',
  'type',
  'typeof',
  'undefined',
  'unknown',
  'var',
  'void',
  'while',
  'with',
  'yield',
]);

/** Why a name cannot be used, in words that say what to type instead; undefined when it can. */
export function nameProblem(name: string, what = 'the subgraph'): string | undefined {
  if (name.length === 0) return `name ${what}: lower-case letters, digits and dashes, starting with a letter (e.g. library)`;
  if (name.length > MAX_NAME_LENGTH) return `${what}'s name is ${name.length} characters long; at most ${MAX_NAME_LENGTH}`;
  if (!NAME.test(name))
    return `"${printable(name)}" is not a name for ${what}: lower-case letters, digits and single dashes between words, starting with a letter (e.g. library, library-card)`;
  if (RESERVED.has(name)) return `"${name}" is a reserved word here (it already names a folder, tag, service or language keyword); choose another name for ${what}`;
  return undefined;
}

/** The forms of a name that `nameProblem` has accepted. */
export function namingOf(name: string): Naming {
  const words = name.split('-');
  const capital = (word: string): string => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  const camel = `${words[0] ?? ''}${words.slice(1).map(capital).join('')}`;
  return {
    kebab: name,
    camel,
    pascal: words.map(capital).join(''),
    constant: words.map((word) => word.toUpperCase()).join('_'),
    objectKey: words.length > 1 ? `'${name}'` : name,
  };
}

/** A name as a message may quote it: what a terminal would misread is left out. */
function printable(name: string): string {
  const shown = name.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}
