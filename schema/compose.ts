import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { composeSupergraph, SUPERGRAPH_FILE } from './composition';

/** `npm run compose`: writes schema/supergraph.graphql from the five contracts. */
try {
  const sdl = composeSupergraph();
  const file = join(repoRoot(), 'schema', SUPERGRAPH_FILE);
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${file}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
