import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../platform/config';
import { runToEnd, startNodeProcess } from './node-process';

/** What a process started through the helper sees of one variable. */
async function seenByChild(env: Record<string, string | undefined>): Promise<string> {
  const child = startNodeProcess('-e', { args: ['process.stdout.write(String(process.env.APOLLO_TELEMETRY_DISABLED))'], env });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('close', resolve));
  return out;
}

describe('starting a Node process', () => {
  it("turns off Apollo's telemetry in every process it starts, whatever the caller's environment says", async () => {
    expect(await seenByChild({ PATH: process.env.PATH })).toBe('true');
    expect(await seenByChild({ ...process.env, APOLLO_TELEMETRY_DISABLED: undefined })).toBe('true');
    expect(await seenByChild({ PATH: process.env.PATH, APOLLO_TELEMETRY_DISABLED: 'false' })).toBe('true');
  });

  it('is the only way the repository starts one: no other source spawns, runs or forks', () => {
    const sources = runToEnd('git', ['ls-files', '*.ts'], { cwd: repoRoot() }).stdout.split('\n').filter(Boolean);
    const starters = sources.filter(
      (file) =>
        file !== 'deploy/node-process.ts' &&
        /\b(spawn|spawnSync|fork|exec|execSync|execFile|execFileSync)\b[^;]*from 'node:child_process'/.test(readFileSync(join(repoRoot(), file), 'utf8')),
    );
    expect(starters).toEqual([]);
  });
});
