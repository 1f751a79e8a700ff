/**
 * Where services keep state that must survive a restart (the meter-reading outbox, the audit
 * trail): PostgreSQL when `DATABASE_URL` is set, an embedded PostgreSQL (PGlite) otherwise. Both
 * speak the same SQL with `$1` parameters, so code and tests do not care which it is.
 */
export interface SqlExecutor {
  query<R extends object = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<{ rows: R[] }>;
}

export interface SqlDatabase extends SqlExecutor {
  /** `postgres` or `pglite`, for logs and readiness. */
  readonly kind: 'postgres' | 'pglite';
  /** Whether what is committed outlives the process: PostgreSQL, or the embedded database on disk. */
  readonly durable?: boolean;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
