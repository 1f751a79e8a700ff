import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDatabase, SqlExecutor } from './sql-database';

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, the embedded database is used. */
  url?: string;
  /**
   * Where the embedded database keeps its files; absent means in memory (tests). A directory
   * makes it durable across restarts of the process.
   */
  dataDir?: string;
  /** Connections to PostgreSQL. Default 10. */
  poolSize?: number;
}

/** Opens PostgreSQL or the embedded database, as configured. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<SqlDatabase> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openEmbedded(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<SqlDatabase> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the
  // pool replaces it, and the next query that fails says so to its caller.
  pool.on('error', () => undefined);
  // Fail at start, not on the first request, when the database cannot be reached.
  await pool.query('select 1');
  const asExecutor = (client: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): SqlExecutor => ({
    query: async <R extends object>(sql: string, params?: ReadonlyArray<unknown>) => ({ rows: (await client.query(sql, params ? [...params] : undefined)).rows as R[] }),
  });
  return {
    kind: 'postgres',
    durable: true,
    ...asExecutor(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(asExecutor(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The embedded database's settings. Its tables are small (the audit trail, the outbox) and the
 * operating system caches their files anyway: 16 MB of shared buffers instead of PostgreSQL's
 * 128 MB takes ~110 MB off the process's RSS (measured), with nothing to show for it in speed.
 */
const EMBEDDED_SETTINGS = { postgresqlconf: ['shared_buffers=16MB'] };

async function openEmbedded(dataDir: string | undefined): Promise<SqlDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // Creating the cluster (initdb) leaves ~450 MB in the instance that ran it for as long as it
    // lives (measured: RSS 780 MB against 330 for one that opened an existing directory). A fresh
    // directory is therefore created by one instance, closed, and served by another.
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await (await PGlite.create(dataDir, EMBEDDED_SETTINGS)).close();
  }
  const db = await PGlite.create(dataDir, EMBEDDED_SETTINGS);
  const asExecutor = (client: { query: <R>(sql: string, params?: unknown[]) => Promise<{ rows: R[] }> }): SqlExecutor => ({
    query: async <R extends object>(sql: string, params?: ReadonlyArray<unknown>) => ({ rows: (await client.query<R>(sql, params ? [...params] : undefined)).rows }),
  });
  return {
    kind: 'pglite',
    durable: dataDir !== undefined,
    ...asExecutor(db),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => db.transaction((tx) => work(asExecutor(tx))),
    close: () => db.close(),
  };
}
