import type { RetryPolicy } from '../../kit';

/** Where the outbox lives and how its worker paces itself. */
export interface OutboxSettings {
  /** PostgreSQL (`DATABASE_URL`); when absent, the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory (`HOUSING_OUTBOX_DIR`); absent means in memory, lost on exit. */
  dataDir?: string;
  /** How often an idle worker looks for due readings. Default 1 s. */
  pollIntervalMs: number;
  /** The waits between attempts at a reading the housing system could not take. Default 5 s doubling to 5 min. */
  retry: RetryPolicy;
  /**
   * How long a claimed reading stays with its deliverer; longer than one delivery can take, since
   * when it runs out another worker may take the reading. A delivery's legacy calls end well
   * before it. Default 60 s.
   */
  leaseMs: number;
  /** Readings delivered at the same time by one process. Default 2. */
  concurrency: number;
  /** Whether this process runs a worker at all (a read-only replica may not). Default true. */
  worker: boolean;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  pollIntervalMs: 1_000,
  retry: { minMs: 5_000, maxMs: 5 * 60_000 },
  leaseMs: 60_000,
  concurrency: 2,
  worker: true,
};
