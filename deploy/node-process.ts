import { type ChildProcess, type StdioOptions, spawn, spawnSync } from 'node:child_process';

export interface NodeProcessOptions {
  /** Arguments after the entry point. */
  args?: ReadonlyArray<string>;
  /**
   * The child's whole environment: pass `process.env` (spread, with changes) to inherit the
   * parent's, or only what a container would be given.
   */
  env: Readonly<Record<string, string | undefined>>;
  /** Flags for node before the entry point: `-r tsx/cjs` to run TypeScript, a preload probe. */
  execArgv?: ReadonlyArray<string>;
  /** Default: no stdin, stdout and stderr piped; add `'ipc'` for a message channel. */
  stdio?: StdioOptions;
  cwd?: string;
}

/**
 * The environment every process we start gets, whatever else it is given. `@apollo/gateway`,
 * unless `APOLLO_TELEMETRY_DISABLED` is set, reports usage to Apollo every hour and probes the
 * AWS, GCP, Azure and Alibaba metadata endpoints at start-up; nothing we run (the gateway, a stock
 * gateway in a benchmark, a test's process) calls third parties, whatever its caller's
 * environment says.
 */
export function childEnvironment(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  return { ...env, APOLLO_TELEMETRY_DISABLED: 'true' };
}

/**
 * Starts `entry` on this Node as a process of its own. Every launcher, harness and test that
 * starts a Node process goes through here or `runToEnd` (a test fails on any other `spawn`,
 * `exec` or `fork`), so none can forget `childEnvironment`.
 */
export function startNodeProcess(entry: string, options: NodeProcessOptions): ChildProcess {
  return spawn(process.execPath, [...(options.execArgv ?? []), entry, ...(options.args ?? [])], {
    env: childEnvironment(options.env),
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}

/** What a command run to its end left. */
export interface FinishedCommand {
  /** Its exit code; null when it was killed (a timeout) or could not start (`error`). */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it could not start or was stopped, e.g. ENOENT when the command is not on the PATH. */
  readonly error?: Error;
}

/**
 * Runs a command (`npm`, `kubectl`, `git`, this Node) to its end and returns what it printed,
 * with the environment every process we start gets. For tools and short scripts: a service is
 * started with `startNodeProcess`.
 */
export function runToEnd(command: string, args: readonly string[], options: { env?: Readonly<Record<string, string | undefined>>; cwd?: string; timeoutMs?: number } = {}): FinishedCommand {
  const run = spawnSync(command, args, {
    env: childEnvironment(options.env ?? process.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', ...(run.error ? { error: run.error } : {}) };
}
