import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type DocumentNode, GraphQLError, parse, Source } from 'graphql';
import { repoRoot } from '../platform/config';
import { type CompositionProblem, compositionProblemOf } from './composition-problems';
import { placeholderUrl, SUBGRAPH_NAMES } from './subgraph-names';

export const SUPERGRAPH_FILE = 'supergraph.graphql';

const SUPERGRAPH_HEADER = '# Written by `npm run compose` from the contracts beside it. Do not edit.\n';

/** A subgraph's contract as its department wrote it: `schema/<name>.graphql`. */
export interface SubgraphContract {
  /** The subgraph's name: the file's name without `.graphql`. */
  name: string;
  /** The file as messages name it (`schema/health.graphql`), so a department finds it at once. */
  file: string;
  sdl: string;
}

/** What composing the contracts gave: the supergraph, or every reason it could not be made. */
export type CompositionOutcome = { ok: true; supergraphSdl: string } | { ok: false; problems: CompositionProblem[] };

/**
 * Every subgraph contract in `dir`: each `*.graphql` beside the supergraph is one. Ours come first
 * in their usual order (so the supergraph a new contract joins keeps its shape), then any other in
 * name order: a department adds a subgraph by adding its file, not by changing this code.
 */
export function readSubgraphContracts(dir = join(repoRoot(), 'schema')): SubgraphContract[] {
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql') && file !== SUPERGRAPH_FILE)
    .map((file) => file.slice(0, -'.graphql'.length));
  const known: readonly string[] = SUBGRAPH_NAMES;
  const ordered = [...known.filter((name) => names.includes(name)), ...names.filter((name) => !known.includes(name)).sort()];
  return ordered.map((name) => ({ name, file: `${basename(dir)}/${name}.graphql`, sdl: readFileSync(join(dir, `${name}.graphql`), 'utf8') }));
}

/** Composes contracts with `@apollo/composition`; never throws for a fault of the contracts. */
export function composeContracts(contracts: ReadonlyArray<SubgraphContract>): CompositionOutcome {
  const problems: CompositionProblem[] = [];
  const services: Array<{ name: string; url: string; typeDefs: DocumentNode }> = [];
  for (const contract of contracts) {
    try {
      // The Source's name is the file, so every error node says which file and line it is about.
      services.push({ name: contract.name, url: placeholderUrl(contract.name), typeDefs: parse(new Source(contract.sdl, contract.file)) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      problems.push(compositionProblemOf(new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code: 'INVALID_GRAPHQL' } }), contracts));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (services.length === 0)
    return { ok: false, problems: [compositionProblemOf(new GraphQLError('There are no subgraph contracts to compose.', { extensions: { code: 'NO_CONTRACTS' } }), contracts)] };
  const result = composeServices(services);
  if (result.errors) return { ok: false, problems: result.errors.map((error) => compositionProblemOf(error, contracts)) };
  return { ok: true, supergraphSdl: `${SUPERGRAPH_HEADER}${result.supergraphSdl}\n` };
}

/** The contracts could not be composed; the message lists every problem, worded for a reader. */
export class CompositionError extends Error {
  constructor(readonly problems: ReadonlyArray<CompositionProblem>) {
    super(`composition failed:\n${problems.map((p) => `- ${p.what}${p.where.length > 0 ? ` (${p.where.join(', ')})` : ''}`).join('\n')}`);
  }
}

/** Composes the subgraph contracts in `dir` into the supergraph SDL, or throws a CompositionError. */
export function composeSupergraph(dir = join(repoRoot(), 'schema')): string {
  const outcome = composeContracts(readSubgraphContracts(dir));
  if (!outcome.ok) throw new CompositionError(outcome.problems);
  return outcome.supergraphSdl;
}

export function readCommittedSupergraph(dir = join(repoRoot(), 'schema')): string {
  return readFileSync(join(dir, SUPERGRAPH_FILE), 'utf8');
}
