import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { formatSchemaCheck, runSchemaCheck } from './checks';

/** `npm run schema:check`: the checks a department runs before merging a contract change; CI runs them too. */
void (async () => {
  const { report } = await runSchemaCheck({ schemaDir: join(repoRoot(), 'schema'), operationsDir: join(repoRoot(), 'operations') });
  process.stdout.write(formatSchemaCheck(report));
  process.exitCode = report.ok ? 0 : 1;
})();
