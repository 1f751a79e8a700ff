import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { repoRoot } from '../platform/config';
import { placeholderUrl, SUBGRAPH_NAMES } from './subgraph-names';

export const SUPERGRAPH_FILE = 'supergraph.graphql';

/** Composes the subgraph contracts in `schema/` into the supergraph SDL, or throws with every error. */
export function composeSupergraph(dir = join(repoRoot(), 'schema')): string {
  const services = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: placeholderUrl(name),
    typeDefs: parse(readFileSync(join(dir, `${name}.graphql`), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `# Written by \`npm run compose\` from the contracts beside it. Do not edit.\n${result.supergraphSdl}\n`;
}

export function readCommittedSupergraph(dir = join(repoRoot(), 'schema')): string {
  return readFileSync(join(dir, SUPERGRAPH_FILE), 'utf8');
}
