import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Advice } from '../advice';
import { apiSchemaSdl } from '../api-schema';
import { buildSchemaArtifacts, type SchemaArtifacts, staleArtifacts } from '../schema-artifacts';
import { CoordinateIndex } from './coordinate-index';
import { invalidOperations, readRegisteredOperations } from './operations-check';
import { CHANGES_FILE, RELEASED_DIR, type RecordedChange, readRecordedChanges, recordFor, suggestedRecord } from './recorded-changes';
import { type ChangeLevel, diffApiSchemas, type SchemaChange, whyBreaking } from './schema-diff';

/** The API schema's name among the schemas a check diffs; the others are the contract variants'. */
export const API = 'api';

/** The released API schema of `schema` (`api` or a variant's name), under `schema/`. */
export function releasedFile(schema: string): string {
  return schema === API ? `${RELEASED_DIR}/api.graphql` : `${RELEASED_DIR}/contracts/${schema}.graphql`;
}

export type ProblemKind = 'composition' | 'contract' | 'stale' | 'baseline' | 'changes file' | 'breaking change' | 'operation';

/** Something that fails the check. */
export interface CheckProblem extends Advice {
  kind: ProblemKind;
}

/** A change since the last release, with the schemas it shows in and the record accepting it. */
export interface ReportedChange {
  level: ChangeLevel;
  type: string;
  path?: string;
  message: string;
  /** Why it can hurt clients, when the diff says. */
  reason?: string;
  schemas: string[];
  acceptedBy?: RecordedChange;
}

export interface SchemaCheckReport {
  ok: boolean;
  problems: CheckProblem[];
  /** The subgraphs composed, in order. */
  subgraphs: string[];
  /** The contract variants built. */
  variants: string[];
  /** Every change since the last release, breaking first. */
  changes: ReportedChange[];
  /** How many registered operations were validated, and against which schemas. */
  operations: { count: number; schemas: string[] };
  /** Remarks that fail nothing: a variant never released yet, a record no change needs any more. */
  notes: string[];
}

export interface SchemaCheckOptions {
  /** The folder of the subgraph contracts (`schema/`). */
  schemaDir: string;
  /** The folder of the registered operations (`operations/`). */
  operationsDir: string;
  /** The date suggested records carry; today by default. */
  today?: Date;
}

/** What the check computed besides its report: the release needs it to move the baselines. */
export interface SchemaCheckResult {
  report: SchemaCheckReport;
  artifacts?: SchemaArtifacts;
  /** The API schema of `api` and of each variant, printed, by name. */
  apiSchemas: Map<string, string>;
  records: RecordedChange[];
}

/**
 * `npm run schema:check`: composes the contracts, checks the committed composed files, diffs the
 * API schema and each variant's against the last release, accepts breaking changes only when
 * recorded, and validates the registered operations. Everything found is reported at once.
 */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckResult> {
  const problems: CheckProblem[] = [];
  const notes: string[] = [];
  const built = buildSchemaArtifacts(options.schemaDir);
  const recorded = readRecordedChanges(options.schemaDir);
  if (!recorded.ok) problems.push({ kind: 'changes file', ...recorded.problem });
  const records = recorded.ok ? recorded.records : [];

  if (!built.ok) {
    problems.push(...built.compositionProblems.map((problem) => ({ kind: 'composition' as const, ...problem })));
    problems.push(...built.contractProblems.map((problem) => ({ kind: 'contract' as const, ...problem })));
    const report: SchemaCheckReport = { ok: false, problems, subgraphs: built.contracts.map((c) => c.name), variants: [], changes: [], operations: { count: 0, schemas: [] }, notes };
    return { report, apiSchemas: new Map(), records };
  }
  const { artifacts } = built;

  const stale = staleArtifacts(options.schemaDir, artifacts);
  if (stale.length > 0) {
    problems.push({
      kind: 'stale',
      what: `${stale.length} composed file${stale.length === 1 ? ' is' : 's are'} not what the contracts compose to now.`,
      where: stale.map((s) => `schema/${s.file} (${s.state})`),
      why: 'The gateway serves the committed supergraph and variants; stale ones serve a graph other than the contracts describe.',
      todo: 'Run `npm run compose` and commit the files it writes.',
    });
  }

  const apiSchemas = new Map<string, string>([[API, apiSchemaSdl(artifacts.supergraphSdl)]]);
  for (const variant of artifacts.variants) apiSchemas.set(variant.definition.name, variant.apiSdl);

  const changes: SchemaChange[] = [];
  for (const [schema, sdl] of apiSchemas) {
    const path = join(options.schemaDir, releasedFile(schema));
    if (!existsSync(path)) {
      if (schema === API) {
        problems.push({
          kind: 'baseline',
          what: 'There is no released API schema to compare with.',
          where: [`schema/${releasedFile(API)}`],
          why: 'Without the last released schema no change can be judged breaking or safe.',
          todo: 'Run `npm run schema:release` once the graph is as released, and commit what it writes.',
        });
      } else {
        notes.push(`The "${schema}" variant has not been released yet: nothing to compare it with (\`npm run schema:release\` sets its baseline).`);
      }
      continue;
    }
    changes.push(...(await diffApiSchemas(schema, readFileSync(path, 'utf8'), sdl)));
  }
  const reported = groupChanges(changes, records);
  const index = CoordinateIndex.of(artifacts.contracts);
  for (const change of reported) {
    if (change.level !== 'breaking' || change.acceptedBy) continue;
    const suggestion = suggestedRecord(
      {
        schema: change.schemas.includes(API) || change.schemas.length > 1 ? API : (change.schemas[0] ?? API),
        type: change.type,
        ...(change.path ? { path: change.path } : {}),
        message: change.message,
      },
      options.today,
    );
    problems.push({
      kind: 'breaking change',
      what: `${change.message} (in ${change.schemas.map(describeSchema).join(', ')})`,
      where: index.placesOf(change.path),
      why: whyBreaking(change),
      todo: `Keep the old shape (deprecate first, remove in a later release), or, if the break is agreed with its clients, add this record to schema/${CHANGES_FILE} with the reason and who agreed it:\n${JSON.stringify(suggestion, null, 2)}`,
    });
  }
  for (const record of records) {
    if (!reported.some((change) => change.acceptedBy === record)) {
      notes.push(`schema/${CHANGES_FILE} accepts "${record.message}", which is no change since the last release (undone, or released already): remove the record.`);
    }
  }

  const operations = readRegisteredOperations(options.operationsDir);
  const operationSchemas = [API, ...artifacts.variants.filter((v) => v.definition.registeredOperations).map((v) => v.definition.name)];
  const operationTargets = operationSchemas.flatMap((name) => {
    const sdl = apiSchemas.get(name);
    return sdl ? [{ name, sdl }] : [];
  });
  problems.push(...invalidOperations(operationTargets, operations).map((finding) => ({ kind: 'operation' as const, ...finding })));

  const report: SchemaCheckReport = {
    ok: problems.length === 0,
    problems,
    subgraphs: artifacts.contracts.map((c) => c.name),
    variants: artifacts.variants.map((v) => v.definition.name),
    changes: reported,
    operations: { count: operations.length, schemas: operationSchemas },
    notes,
  };
  return { report, artifacts, apiSchemas, records };
}

const LEVEL_ORDER: Record<ChangeLevel, number> = { breaking: 0, dangerous: 1, safe: 2 };

/** One entry per change however many schemas show it (a removed field leaves the API and its variants alike). */
function groupChanges(changes: ReadonlyArray<SchemaChange>, records: ReadonlyArray<RecordedChange>): ReportedChange[] {
  const byKey = new Map<string, ReportedChange>();
  for (const change of changes) {
    const key = `${change.type}\n${change.path ?? ''}\n${change.message}`;
    const existing = byKey.get(key);
    const acceptedBy = change.level === 'breaking' ? recordFor(change, records) : undefined;
    if (existing) {
      existing.schemas.push(change.schema);
      // Accepted only where every schema showing it is covered by a record.
      if (!acceptedBy) delete existing.acceptedBy;
      continue;
    }
    byKey.set(key, {
      level: change.level,
      type: change.type,
      ...(change.path ? { path: change.path } : {}),
      message: change.message,
      ...(change.reason ? { reason: change.reason } : {}),
      schemas: [change.schema],
      ...(acceptedBy ? { acceptedBy } : {}),
    });
  }
  return [...byKey.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

function describeSchema(schema: string): string {
  return schema === API ? 'the API schema' : `the "${schema}" variant`;
}
