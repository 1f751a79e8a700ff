import type { SystemFaults } from '../../deploy/simulators';

/** A JSON environment variable a stand-in's entry point needs, or a message naming it. */
export function jsonEnv<T>(name: string, fallback?: T): T {
  const text = process.env[name];
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`${name} is required`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${name} must be JSON`);
  }
}

/** The simulators' latencies, as `SIM_FAULTS` gives them to the simulators (the stand-ins honour latency and jitter only). */
export function faultsFromEnv(): SystemFaults {
  return jsonEnv<SystemFaults>('SIM_FAULTS', {});
}

/** Runs a stand-in's entry point until SIGTERM; a failure to start is printed and exits 1. */
export function runStandInMain(name: string, start: () => Promise<{ close(): Promise<void> }>): void {
  start().then(
    (running) => {
      const stop = (): void => void running.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

/** `LEGACY_CONNECTIONS`, as the graph's subgraphs read it; undefined leaves the subgraphs' default. */
export function legacyConnectionsFromEnv(): number | undefined {
  const text = process.env.LEGACY_CONNECTIONS;
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error('LEGACY_CONNECTIONS must be a positive whole number');
  return value;
}
