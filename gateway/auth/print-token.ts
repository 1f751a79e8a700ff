import { join } from 'node:path';
import { loadOrCreateDevKeys } from '../../platform/auth';
import { repoRoot } from '../../platform/config';
import { DevSignOn } from './dev-sign-on';

/**
 * `npm run token -- <personId>`: a development token for that resident, signed with the same
 * development keys `npm start` uses (made on first use in .dev/keys.json).
 */
async function main(): Promise<void> {
  const personId = process.argv[2];
  if (!personId || !/^[1-9]\d{0,9}$/.test(personId)) {
    process.stderr.write('usage: npm run token -- <personId>   (a positive whole number, e.g. 1062)\n');
    process.exit(2);
  }
  const keys = await loadOrCreateDevKeys(process.env.DEV_KEYS_FILE ?? join(repoRoot(), '.dev', 'keys.json'));
  const token = await (await DevSignOn.create(keys.signOn)).issue(personId);
  process.stdout.write(`${token}\n`);
}

void main();
