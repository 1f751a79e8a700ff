import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startNodeProcess } from '../../deploy/node-process';
import { generateJwkKeyPair, KeySeal } from '../../platform/auth';
import { repoRoot } from '../../platform/config';

/** Starts the housing subgraph as its own process and waits until its outbox has opened its database. */
function launch(env: Record<string, string>): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = startNodeProcess(join(repoRoot(), 'subgraphs/housing/main.ts'), { execArgv: ['-r', 'tsx/cjs'], env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env } });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the housing subgraph did not open its outbox: ${stderr.trim()}`)), 25_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.includes('meter reading outbox ready')) {
        clearTimeout(timer);
        resolve({ child, lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`the housing subgraph exited with ${code}: ${stderr.trim()}`)));
  });
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('the housing subgraph alone, with its outbox on disk', () => {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'housing-standalone-'));
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the embedded outbox in HOUSING_OUTBOX_DIR, stops on SIGTERM closing it, and opens it again', async () => {
    const keys = await generateJwkKeyPair('EdDSA', 'standalone-housing');
    const env = { HOUSING_OUTBOX_DIR: join(dir, 'outbox'), INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(keys.publicJwk), KEY_SEAL_SECRET: KeySeal.generateSecret() };
    const first = await launch(env);
    children.push(first.child);
    expect(first.lines.find((l) => l.includes('meter reading outbox ready'))).toContain('"durable":true');
    expect(await stopped(first.child)).toBe(0);

    // The next process opens the same directory: the first let go of it.
    const second = await launch(env);
    children.push(second.child);
    expect(await stopped(second.child)).toBe(0);
  });
});
