import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RELEASED_DIR, type RecordedChange, writeRecordedChanges } from './recorded-changes';
import { API, releasedFile, runSchemaCheck, type SchemaCheckOptions, type SchemaCheckReport } from './schema-check';

export type ReleaseOutcome =
  | {
      ok: true;
      /** The baselines written (the API schema and each variant's). */
      written: string[];
      /** Baselines of variants that no longer exist. */
      removed: string[];
      /** Records of breaking changes this release carries, taken out of the changes file. */
      cleared: RecordedChange[];
      /** Records that matched no change, left for a person to remove. */
      kept: RecordedChange[];
    }
  | { ok: false; report: SchemaCheckReport };

const HEADER = '# The API schema as last released (`npm run schema:release`); `npm run schema:check` diffs against it. Do not edit.\n';

/**
 * `npm run schema:release`: makes what the contracts compose to now the released baseline, for
 * the API schema and every variant, and clears the records of the breaking changes it carries
 * (git history keeps them). Only a graph that passes the check is released, so no breaking change
 * becomes the baseline without its record; the first release, with no baseline yet, is allowed.
 */
export async function releaseSchema(options: SchemaCheckOptions): Promise<ReleaseOutcome> {
  const { report, apiSchemas, records } = await runSchemaCheck(options);
  if (!report.problems.every((problem) => problem.kind === 'baseline')) return { ok: false, report };

  const written: string[] = [];
  for (const [schema, sdl] of apiSchemas) {
    const path = join(options.schemaDir, releasedFile(schema));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${HEADER}${sdl}\n`);
    written.push(path);
  }
  const removed: string[] = [];
  const variantsDir = join(options.schemaDir, RELEASED_DIR, 'contracts');
  if (existsSync(variantsDir)) {
    for (const name of readdirSync(variantsDir).filter((file) => file.endsWith('.graphql'))) {
      const schema = name.slice(0, -'.graphql'.length);
      if (schema !== API && !apiSchemas.has(schema)) {
        rmSync(join(variantsDir, name));
        removed.push(join(variantsDir, name));
      }
    }
  }
  const carried = new Set(report.changes.flatMap((change) => (change.acceptedBy ? [change.acceptedBy] : [])));
  const cleared = records.filter((record) => carried.has(record));
  const kept = records.filter((record) => !carried.has(record));
  if (cleared.length > 0 || existsSync(join(options.schemaDir, RELEASED_DIR, 'changes.json'))) writeRecordedChanges(options.schemaDir, kept);
  return { ok: true, written, removed, cleared, kept };
}
