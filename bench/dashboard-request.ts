import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, RESIDENT_DASHBOARD } from '../operations';
import { repoRoot } from '../platform/config';

export const TRUSTED_DOCUMENTS_FILE = join(repoRoot(), 'operations', MANIFEST_FILE);

/**
 * The dashboard as a production frontend sends it to our gateway: by the id of the published
 * operation, not its text (production runs trusted documents only).
 */
export function trustedDashboardBody(): string {
  return trustedBody('ResidentDashboard');
}

/** A published operation by name, as a production frontend sends it: its id and the variables. */
export function trustedBody(operationName: string, variables?: Record<string, unknown>): string {
  const id = publishedIds().get(operationName);
  if (!id) throw new Error(`the manifest has no ${operationName}: run npm run manifest`);
  return JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
}

/** The dashboard as text, for a gateway that does not run trusted documents (the stock one). */
export function textDashboardBody(): string {
  return JSON.stringify({ query: RESIDENT_DASHBOARD, operationName: 'ResidentDashboard' });
}

let ids: Map<string, string> | undefined;

/** The published operations' ids by name, read once: drivers call `trustedBody` in their load loops. */
function publishedIds(): Map<string, string> {
  if (!ids) {
    const manifest = JSON.parse(readFileSync(TRUSTED_DOCUMENTS_FILE, 'utf8')) as { operations: Array<{ id: string; name: string }> };
    ids = new Map(manifest.operations.map((o) => [o.name, o.id]));
  }
  return ids;
}
