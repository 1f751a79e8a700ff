import { Client } from 'pg';
import { openDatabase, type SqlDatabase, type SqlExecutor } from '../../platform/storage';

/**
 * Where a database test runs: the embedded PostgreSQL (PGlite) always, and PostgreSQL where
 * TEST_DATABASE_URL names a server (CI starts one: test/support/start-test-postgres.sh).
 *
 * Opening PGlite costs seconds (a WASM PostgreSQL runs initdb), so a test file opens one and
 * every test gets a fresh schema in it: an empty database of its own at the cost of a
 * `create schema`. On PostgreSQL each test gets a schema too, reached through connections whose
 * `search_path` names it, so services opened from a URL land in it as well.
 */
export interface TestDatabases {
  readonly name: 'embedded' | 'postgres';
  /**
   * An empty database for one test: a schema of its own. Closing it leaves the file's database
   * open for the next test (code under test closes what it was given).
   */
  fresh(): Promise<TestDatabase>;
  /** Closes what the file opened; call it in `afterAll`. */
  close(): Promise<void>;
}

export interface TestDatabase extends SqlDatabase {
  /** A URL that opens this same schema (PostgreSQL only: the embedded database is not reached by URL). */
  readonly url?: string;
}

/** The backends a test file runs on, each opened lazily and once. */
export function testDatabases(): TestDatabases[] {
  if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL so the PostgreSQL path is tested');
  const backends: TestDatabases[] = [embedded()];
  if (process.env.TEST_DATABASE_URL) backends.push(postgres(process.env.TEST_DATABASE_URL));
  return backends;
}

let schemas = 0;
const schemaName = (): string => {
  schemas += 1;
  return `test_${process.pid}_${Date.now()}_${schemas}`;
};

function embedded(): TestDatabases {
  let shared: Promise<SqlDatabase> | undefined;
  let current: string | undefined;
  return {
    name: 'embedded',
    async fresh() {
      shared ??= openDatabase({});
      const db = await shared;
      const schema = schemaName();
      await db.query(`create schema ${schema}`);
      // One connection, one test at a time: the search path is the connection's, set as a test
      // begins and again whenever a handle of another schema speaks (never in practice).
      const enter = async (): Promise<void> => {
        if (current === schema) return;
        await db.query(`set search_path to ${schema}`);
        current = schema;
      };
      await enter();
      return {
        kind: db.kind,
        query: async <R extends object>(sql: string, params?: ReadonlyArray<unknown>) => {
          await enter();
          return db.query<R>(sql, params);
        },
        transaction: async <T>(work: (tx: SqlExecutor) => Promise<T>) => {
          await enter();
          return db.transaction(work);
        },
        close: async () => undefined,
      };
    },
    async close() {
      if (shared) await (await shared).close();
      shared = undefined;
      current = undefined;
    },
  };
}

function postgres(adminUrl: string): TestDatabases {
  const made: string[] = [];
  return {
    name: 'postgres',
    async fresh() {
      const schema = schemaName();
      await withAdmin(adminUrl, (admin) => admin.query(`create schema ${schema}`));
      made.push(schema);
      const url = new URL(adminUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const db = await openDatabase({ url: url.toString(), poolSize: 4 });
      return Object.assign(db, { url: url.toString() });
    },
    async close() {
      if (made.length === 0) return;
      await withAdmin(adminUrl, async (admin) => {
        for (const schema of made.splice(0)) await admin.query(`drop schema if exists ${schema} cascade`);
      });
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
