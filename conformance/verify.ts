import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import type { DevKeys } from '../legacy/sign-on';
import { repoRoot } from '../platform/config';
import { formatConformanceReport } from './report-format';
import { verifySubgraph } from './verify-subgraph';

const USAGE = `usage: npm run contract:verify -- --subgraph <name> --url <graphql url> [options]

  --owner-url <name>=<url>   a subgraph that owns fields this one @requires (repeatable; a bare URL serves for any)
  --person <id>              the resident the samples are for (default 1244, a demo resident)
  --other-person <id>        a resident who does not represent them (default 1014)
  --representation <json>    a representation of another entity type to resolve (repeatable)
  --max-ms <ms>              the stated time every call must be answered in (default 2000)
  --schema-dir <dir>         where the contracts are (default schema/)

The kit signs internal credentials with the gateway's key: INTERNAL_CREDENTIAL_PRIVATE_JWK, else the
development keys file (DEV_KEYS_FILE, default .dev/keys.json, made by npm start or npm run token).
`;

/** The gateway's signing key, from where the gateway itself takes it. */
function gatewayKey(): JWK {
  const inline = process.env.INTERNAL_CREDENTIAL_PRIVATE_JWK;
  if (inline) return JSON.parse(inline) as JWK;
  const file = process.env.DEV_KEYS_FILE ?? join(repoRoot(), '.dev', 'keys.json');
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as DevKeys).internal.privateJwk;
  } catch {
    throw new Error(`no gateway key: set INTERNAL_CREDENTIAL_PRIVATE_JWK, or run npm start (or npm run token) once to make ${file}`);
  }
}

void (async () => {
  try {
    const { values } = parseArgs({
      options: {
        subgraph: { type: 'string' },
        url: { type: 'string' },
        'owner-url': { type: 'string', multiple: true, default: [] },
        person: { type: 'string', default: '1244' },
        'other-person': { type: 'string', default: '1014' },
        representation: { type: 'string', multiple: true, default: [] },
        'max-ms': { type: 'string', default: '2000' },
        'schema-dir': { type: 'string', default: join(repoRoot(), 'schema') },
      },
    });
    const maxMs = Number(values['max-ms']);
    if (!values.subgraph || !values.url || !(maxMs > 0)) {
      process.stderr.write(USAGE);
      process.exitCode = 2;
      return;
    }
    const ownerUrls = Object.fromEntries(
      values['owner-url'].map((entry) => {
        const match = /^([a-z][a-z0-9_-]*)=(.+)$/i.exec(entry);
        return match ? [match[1] as string, match[2] as string] : ['*', entry];
      }),
    );
    const report = await verifySubgraph({
      subgraph: values.subgraph,
      url: values.url,
      schemaDir: resolve(values['schema-dir']),
      privateJwk: gatewayKey(),
      ownerUrls,
      person: values.person,
      otherPerson: values['other-person'],
      representations: values.representation.map((json) => JSON.parse(json) as Record<string, unknown>),
      maxMs,
    });
    process.stdout.write(formatConformanceReport(report));
    process.exitCode = report.ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`contract:verify: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  }
})();
