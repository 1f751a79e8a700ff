import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Advice } from '../advice';

/** Where the released baselines and the recorded breaking changes live, under `schema/`. */
export const RELEASED_DIR = 'released';
export const CHANGES_FILE = `${RELEASED_DIR}/changes.json`;

/** What a suggested record says until a person fills it in; a record still saying it is refused. */
export const PLACEHOLDER = 'TODO';

const Filled = z
  .string()
  .trim()
  .min(1)
  .refine((text) => !text.startsWith(PLACEHOLDER), `still says ${PLACEHOLDER}`);

/**
 * One breaking change the graph's owners accepted, with why, who and when. It matches the change
 * the check reports by `type`, `path` and `message` exactly (as the check prints them), so an
 * acceptance of "made nullable" does not also pass a later change of the same field to another type.
 */
export const RecordedChangeSchema = z
  .object({
    /** `api`, or a contract variant's name; absent: the change is accepted wherever it appears. */
    schema: z.string().min(1).optional(),
    type: z.string().min(1),
    path: z.string().min(1).optional(),
    message: z.string().min(1),
    /** Why the break is acceptable: who the clients are and how they were told, or why none are hurt. */
    reason: Filled,
    /** Who agreed it: a department, a person. */
    by: Filled,
    /** When it was agreed, YYYY-MM-DD. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
  })
  .strict();
export type RecordedChange = z.infer<typeof RecordedChangeSchema>;

const ChangesFileSchema = z.object({ changes: z.array(RecordedChangeSchema) }).strict();

/** The changes file as the check reads it: its records, or why it cannot be used. */
export type RecordedChanges = { ok: true; records: RecordedChange[] } | { ok: false; problem: Advice };

/** Reads `schema/released/changes.json`; a missing file records nothing. */
export function readRecordedChanges(schemaDir: string): RecordedChanges {
  const path = join(schemaDir, CHANGES_FILE);
  if (!existsSync(path)) return { ok: true, records: [] };
  const fail = (what: string): RecordedChanges => ({
    ok: false,
    problem: {
      what,
      where: [`schema/${CHANGES_FILE}`],
      why: 'Breaking changes are accepted only with a readable record of why, who and when.',
      todo: 'Fix the file: `{"changes": [{"type", "path", "message", "reason", "by", "date"}]}`, each record as the check printed it, with the reason and who filled in.',
    },
  });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail(`The changes file is not JSON: ${(error as Error).message}.`);
  }
  const parsed = ChangesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`The changes file is not valid at ${issue?.path.join('.') || 'its top'}: ${issue?.message ?? 'unreadable'}.`);
  }
  return { ok: true, records: parsed.data.changes };
}

export function writeRecordedChanges(schemaDir: string, records: ReadonlyArray<RecordedChange>): void {
  writeFileSync(join(schemaDir, CHANGES_FILE), `${JSON.stringify({ changes: records }, null, 2)}\n`);
}

/** A change as the diff reports it, enough to match a record. */
export interface ChangeKey {
  schema: string;
  type: string;
  path?: string;
  message: string;
}

/** The record accepting `change`, if any. */
export function recordFor(change: ChangeKey, records: ReadonlyArray<RecordedChange>): RecordedChange | undefined {
  return records.find(
    (record) => (record.schema === undefined || record.schema === change.schema) && record.type === change.type && record.path === change.path && record.message === change.message,
  );
}

/** The record to paste into the changes file to accept `change`, with today's date and blanks to fill. */
export function suggestedRecord(change: ChangeKey, today: Date = new Date()): RecordedChange {
  return {
    ...(change.schema === 'api' ? {} : { schema: change.schema }),
    type: change.type,
    ...(change.path ? { path: change.path } : {}),
    message: change.message,
    reason: `${PLACEHOLDER}: why this break is acceptable and how its clients were told`,
    by: `${PLACEHOLDER}: who agreed it`,
    date: today.toISOString().slice(0, 10),
  };
}
