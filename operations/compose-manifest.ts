import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest } from '../gateway/trusted-documents';
import { repoRoot } from '../platform/config';

export const MANIFEST_FILE = 'persisted-query-manifest.json';

/**
 * The operations the city's frontends send, one per `operations/*.graphql`, as the
 * persisted-query manifest a production gateway serves (and nothing else).
 */
export function composeManifest(dir = join(repoRoot(), 'operations')): string {
  const bodies = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8').trim());
  return `${JSON.stringify(buildManifest(bodies), null, 2)}\n`;
}

/** `npm run manifest`: writes operations/persisted-query-manifest.json. */
if (require.main === module) {
  const file = join(repoRoot(), 'operations', MANIFEST_FILE);
  writeFileSync(file, composeManifest());
  process.stdout.write(`wrote ${file}\n`);
}
