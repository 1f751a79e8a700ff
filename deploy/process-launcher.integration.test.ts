import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchProcess } from './process-launcher';

describe('a process started by the launcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'launcher-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with Apollo telemetry off, whatever the caller or its environment says', async () => {
    // What @apollo/gateway reads to decide whether to phone home and probe cloud metadata endpoints.
    const entry = join(dir, 'print-env.js');
    writeFileSync(entry, "process.stdout.write('probe http://127.0.0.1/' + process.env.APOLLO_TELEMETRY_DISABLED + '\\n'); setInterval(() => {}, 1000);\n");
    const saved = process.env.APOLLO_TELEMETRY_DISABLED;
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    try {
      const launched = await launchProcess('probe', entry, { env: { APOLLO_TELEMETRY_DISABLED: 'false' } });
      await launched.stop();
      expect(launched.urls.probe).toBe('http://127.0.0.1/true');
    } finally {
      if (saved === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = saved;
    }
  });
});
