import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, parse } from 'graphql';
import { repoRoot } from '../../platform/config';

/** The subgraph's contract, `schema/<name>.graphql`: the one source of its SDL. */
export function loadContract(name: string): DocumentNode {
  return parse(readFileSync(join(repoRoot(), 'schema', `${name}.graphql`), 'utf8'));
}
