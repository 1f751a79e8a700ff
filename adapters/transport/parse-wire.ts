import type { z } from 'zod';
import type { LegacyReply } from './legacy-call';
import { LegacyBadResponseError } from './legacy-errors';

/** Parses a JSON body, or fails as LEGACY_BAD_RESPONSE without quoting it. */
export function parseJsonBody(reply: LegacyReply, system: string, endpoint: string): unknown {
  try {
    return JSON.parse(reply.body) as unknown;
  } catch {
    throw new LegacyBadResponseError(system, endpoint, reply.body.length === 0 ? 'empty body' : 'body is not JSON');
  }
}

/**
 * Checks a legacy payload against its wire schema. A mismatch becomes `LEGACY_BAD_RESPONSE`
 * naming the paths and what was wrong with them, never the values (they may be personal data).
 */
export function parseWire<S extends z.ZodType>(schema: S, payload: unknown, system: string, endpoint: string): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.code}`)
    .join('; ');
  throw new LegacyBadResponseError(system, endpoint, where);
}
