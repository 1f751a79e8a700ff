import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../platform/config';

/** The dashboard query of the README, as frontends send it: the published operation itself. */
export const RESIDENT_DASHBOARD = readFileSync(join(repoRoot(), 'operations', 'ResidentDashboard.graphql'), 'utf8');
