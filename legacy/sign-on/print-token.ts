import { join } from 'node:path';
import { isScope, PERSON_ID, SCOPES, STAFF_SUBJECT } from '../../platform/auth';
import { isProduction, repoRoot } from '../../platform/config';
import { loadOrCreateDevKeys } from './dev-keys';
import { DevSignOn } from './dev-sign-on';

const USAGE = `usage: npm run token -- <personId>   (a resident, e.g. 1062)
       npm run token -- staff <subject> <scope,scope> <purpose...>
         scopes: ${SCOPES.join(', ')}
         e.g. npm run token -- staff emias:doctor-7 health:read appointment 2026-11-21
`;

/**
 * `npm run token -- <personId>`: a development token for that resident; `npm run token -- staff
 * ...`: a staff member's. Signed with the same development keys `npm start` uses (made on first
 * use in .dev/keys.json). Refuses with NODE_ENV=production.
 */
async function main(): Promise<void> {
  if (isProduction(process.env)) {
    process.stderr.write("npm run token signs with the development sign-on, which no production gateway trusts; production tokens come from the city's sign-on (AUTH_JWKS_URL).\n");
    process.exit(1);
  }
  const [first, subject, scopeList, ...purpose] = process.argv.slice(2);
  const keys = await loadOrCreateDevKeys(process.env.DEV_KEYS_FILE ?? join(repoRoot(), '.dev', 'keys.json'));
  const signOn = await DevSignOn.create(keys.signOn);
  if (first === 'staff') {
    const scopes = (scopeList ?? '').split(',');
    if (!subject || !STAFF_SUBJECT.test(subject) || !scopes.every(isScope) || purpose.length === 0) {
      process.stderr.write(USAGE);
      process.exit(2);
    }
    process.stdout.write(`${await signOn.issueStaff(subject, scopes.filter(isScope), purpose.join(' '))}\n`);
    return;
  }
  if (!first || !PERSON_ID.test(first)) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  process.stdout.write(`${await signOn.issue(first)}\n`);
}

void main();
