import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { formatSchemaCheck, releaseSchema } from './checks';

/** `npm run schema:release`: makes the graph as composed now the released baseline the check diffs against. */
void (async () => {
  const outcome = await releaseSchema({ schemaDir: join(repoRoot(), 'schema'), operationsDir: join(repoRoot(), 'operations') });
  if (!outcome.ok) {
    process.stdout.write(formatSchemaCheck(outcome.report));
    process.stdout.write('\nschema release: refused; fix the problems above first.\n');
    process.exitCode = 1;
    return;
  }
  for (const file of outcome.written) process.stdout.write(`wrote ${file}\n`);
  for (const file of outcome.removed) process.stdout.write(`removed ${file} (its variant is gone)\n`);
  for (const record of outcome.cleared) process.stdout.write(`released and cleared from the changes file: ${record.message}\n`);
  for (const record of outcome.kept) process.stdout.write(`left in the changes file, matching no change: ${record.message}\n`);
})();
