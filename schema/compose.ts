import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { formatCompositionFailure } from './checks';
import { buildSchemaArtifacts, writeSchemaArtifacts } from './schema-artifacts';

/**
 * `npm run compose`: writes schema/supergraph.graphql from the subgraph contracts, and each
 * contract variant's API schema and supergraph into schema/contracts/.
 */
const schemaDir = join(repoRoot(), 'schema');
const outcome = buildSchemaArtifacts(schemaDir);
if (!outcome.ok) {
  process.stderr.write(formatCompositionFailure(outcome));
  process.exit(1);
}
const { written, removed } = writeSchemaArtifacts(schemaDir, outcome.artifacts);
for (const file of written) process.stdout.write(`wrote ${file}\n`);
for (const file of removed) process.stdout.write(`removed ${file} (its contract definition is gone)\n`);
