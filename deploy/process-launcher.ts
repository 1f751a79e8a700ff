import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Set in every process this starts. `@apollo/gateway` otherwise sends Apollo usage telemetry and,
 * as it starts, probes four clouds' metadata endpoints: traffic off this machine that no
 * benchmark or test may send, from whichever process loads it (ours, the stock gateway, a tool).
 * It is set after the caller's environment, so no caller can forget or undo it.
 */
export const NO_TELEMETRY: Readonly<Record<string, string>> = { APOLLO_TELEMETRY_DISABLED: 'true' };

/** A service started as its own process, with what it printed as its address. */
export interface LaunchedProcess {
  readonly name: string;
  readonly pid: number;
  /** The `<name> <url>` lines the process printed at start, by name. */
  readonly urls: Readonly<Record<string, string>>;
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface LaunchOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Extra flags for node, e.g. `-r` a preload module. */
  execArgv?: string[];
  /** How many `<name> <url>` lines to wait for. Default 1. */
  expectUrls?: number;
  startTimeoutMs?: number;
  /** Where the process's own output goes besides the address lines; default ignored. */
  onOutput?: (line: string) => void;
}

/**
 * Starts a compiled entry point (`dist/...js`) as a child process with an IPC channel, and waits
 * until it prints where it listens. Every service prints `<name> <url>` lines when ready.
 */
export function launchProcess(name: string, entry: string, options: LaunchOptions = {}): Promise<LaunchedProcess> {
  const child = fork(entry, options.args ?? [], {
    env: { ...process.env, ...options.env, ...NO_TELEMETRY },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const urls: Record<string, string> = {};
  const expected = options.expectUrls ?? 1;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in time: ${stderr.trim()}`));
    }, options.startTimeoutMs ?? 30_000);
    const onEarlyExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready: ${stderr.trim()}`));
    };
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [label, url] = line.split(' ');
      if (label && url?.startsWith('http') && Object.keys(urls).length < expected) {
        urls[label] = url;
        if (Object.keys(urls).length === expected) {
          clearTimeout(timer);
          child.off('exit', onEarlyExit);
          resolve({
            name,
            pid: child.pid ?? -1,
            urls,
            child,
            stop: async (graceMs = 5_000) => {
              if (child.exitCode !== null || child.signalCode !== null) return;
              child.kill('SIGTERM');
              const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
              await exited;
              clearTimeout(killer);
            },
          });
        }
        return;
      }
      options.onOutput?.(line);
    });
  });
}
