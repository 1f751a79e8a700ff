import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { YOUNG_GENERATION_OPTION } from './young-generation';

describe('the young generation', () => {
  it('is what `npm start` runs the embedded graph with', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${YOUNG_GENERATION_OPTION} dist/deploy/start.js`);
  });
});
