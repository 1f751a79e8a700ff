import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startNodeProcess } from '../../../deploy/node-process';
import { repoRoot } from '../../../platform/config';

/** An entry point that started and printed where it listens. */
export interface Started {
  kind: 'started';
  child: ChildProcess;
  /** The `<name> <url>` lines it printed, by name. */
  urls: Record<string, string>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** An entry point that exited before it listened. */
export interface Refused {
  kind: 'refused';
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an entry point from the TypeScript sources (under tsx) as its own process, the way a
 * container runs it: only the environment given (plus PATH and HOME), nothing inherited from the
 * test run. Resolves when it has printed `expectUrls` `<name> <url>` lines, or when it exits.
 */
export function runEntryPoint(entry: string, options: { args?: string[]; env?: Record<string, string>; expectUrls?: number; timeoutMs?: number } = {}): Promise<Started | Refused> {
  const child = startNodeProcess(join(repoRoot(), entry), {
    execArgv: ['-r', 'tsx/cjs'],
    args: options.args ?? [],
    cwd: repoRoot(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const expected = options.expectUrls ?? 1;
  const urls: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} neither started nor exited: ${stderr.trim()}`));
    }, options.timeoutMs ?? 25_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout += `${line}\n`;
      const [name, url] = line.split(' ');
      if (name && url?.startsWith('http')) urls[name] = url;
      if (Object.keys(urls).length === expected) {
        clearTimeout(timer);
        resolve({
          kind: 'started',
          child,
          urls,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      // Let the last output drain before reporting it.
      setImmediate(() => resolve({ kind: 'refused', code, stdout, stderr }));
    });
  });
}

/** The refusal, or a failure naming what started instead. */
export async function refusal(run: Promise<Started | Refused>): Promise<Refused> {
  const outcome = await run;
  if (outcome.kind === 'started') {
    await outcome.stop();
    throw new Error(`expected a refusal, but it started: ${JSON.stringify(outcome.urls)}`);
  }
  return outcome;
}

/** The started process, or a failure showing why it refused. */
export async function started(run: Promise<Started | Refused>): Promise<Started> {
  const outcome = await run;
  if (outcome.kind === 'refused') throw new Error(`expected it to start, but it exited with ${outcome.code}: ${outcome.stderr.trim()}`);
  return outcome;
}
