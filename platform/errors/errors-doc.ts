import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config';
import { withErrorTable } from './error-table';

/** `npm run errors:doc`: writes the registry's table into the README between its markers. */
const readme = join(repoRoot(), 'README.md');
const before = readFileSync(readme, 'utf8');
const after = withErrorTable(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README.md error table already up to date\n' : 'README.md error table rewritten\n');
