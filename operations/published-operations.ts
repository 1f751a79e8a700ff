import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/config';

/** The text of a published operation, `operations/<name>.graphql`, as the portal sends it. */
export function publishedOperation(name: string): string {
  return readFileSync(join(repoRoot(), 'operations', `${name}.graphql`), 'utf8');
}

/** The dashboard query of the README, as frontends send it: the published operation itself. */
export const RESIDENT_DASHBOARD = publishedOperation('ResidentDashboard');
