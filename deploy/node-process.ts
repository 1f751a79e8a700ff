import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

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
 * starts a Node process goes through here (a test fails on any other `spawn` or `fork`), so none
 * can forget `childEnvironment`.
 */
export function startNodeProcess(entry: string, options: NodeProcessOptions): ChildProcess {
  return spawn(process.execPath, [...(options.execArgv ?? []), entry, ...(options.args ?? [])], {
    env: childEnvironment(options.env),
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}
