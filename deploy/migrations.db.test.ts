import { join } from 'node:path';
import { SqlAuditTrail } from '../platform/audit';
import { repoRoot } from '../platform/config';
import { migrate, openDatabase } from '../platform/storage';
import { freshPostgresDatabase } from '../test/outbox/postgres';
import { MIGRATED_COMPONENTS, migrationConfigFromEnv, runMigrations } from './migrations';
import { startNodeProcess } from './node-process';

const stepsOf = (component: string): number => MIGRATED_COMPONENTS.find((c) => c.component === component)!.migrations.length;

/** Runs the migrations entry point as the Kubernetes job would, from the sources. */
function runMigrateMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startNodeProcess(join(repoRoot(), 'deploy', 'migrate-main.ts'), { execArgv: ['-r', 'tsx/cjs'], cwd: repoRoot(), env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('database migrations', () => {
  it('applies every component once, and leaves the services nothing to do at start', async () => {
    const db = await openDatabase();
    try {
      const expected = [
        { component: 'audit', applied: stepsOf('audit') },
        { component: 'housing_outbox', applied: stepsOf('housing_outbox') },
        { component: 'payments', applied: stepsOf('payments') },
      ];
      expect(await runMigrations(db)).toEqual(expected);
      expect(await runMigrations(db)).toEqual(expected);
      const total = async (): Promise<number> => Number((await db.query<{ n: string }>('select count(*) as n from schema_migrations')).rows[0]?.n);
      const before = await total();
      // The audit trail opens on the same database as a subgraph would, and finds its steps done.
      await SqlAuditTrail.open(db);
      expect(await total()).toBe(before);
      await db.query(
        `insert into audit_events (occurred_at, request_id, actor_kind, actor_id, purpose, subject_id, subgraph, fields) values (now(), 'r', 'staff', 's', 'p', '1', 'health', '{}')`,
      );
      await expect(db.query('delete from audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await db.close();
    }
  });

  it('reads DATABASE_URL, refusing anything but PostgreSQL without repeating the value', () => {
    expect(migrationConfigFromEnv({ DATABASE_URL: 'postgres://app:pw@db:5432/graph' })).toEqual({ databaseUrl: 'postgres://app:pw@db:5432/graph' });
    expect(() => migrationConfigFromEnv({})).toThrow('configuration DATABASE_URL: is required');
    expect(() => migrationConfigFromEnv({ DATABASE_URL: 'mysql://app:s3cret@db/graph' })).toThrow(/^configuration DATABASE_URL: must be a postgres:\/\/ URL$/);
  });

  it('the entry point stops at once, naming the variable, without DATABASE_URL', async () => {
    const run = await runMigrateMain({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: is required');
  });

  // The PostgreSQL path where the environment names a server (CI starts one and sets it).
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    it('lets every component migrate at once on a fresh PostgreSQL, as services starting together do', async () => {
      const database = await freshPostgresDatabase(adminUrl, 'migrations_race');
      // One connection per service, as each subgraph's process opens its own.
      const services = await Promise.all(MIGRATED_COMPONENTS.flatMap(() => [openDatabase({ url: database.url }), openDatabase({ url: database.url })]));
      try {
        await Promise.all(
          services.map((db, i) => migrate(db, MIGRATED_COMPONENTS[i % MIGRATED_COMPONENTS.length]!.component, MIGRATED_COMPONENTS[i % MIGRATED_COMPONENTS.length]!.migrations)),
        );
        const applied = await services[0]!.query<{ component: string; n: string }>('select component, count(*) as n from schema_migrations group by component order by component');
        expect(applied.rows.map((r) => ({ component: r.component, applied: Number(r.n) }))).toEqual(
          [...MIGRATED_COMPONENTS].sort((a, b) => a.component.localeCompare(b.component)).map((c) => ({ component: c.component, applied: c.migrations.length })),
        );
      } finally {
        await Promise.all(services.map((db) => db.close()));
        await database.drop();
      }
    });

    it('the entry point migrates a PostgreSQL, and again harmlessly', async () => {
      const database = await freshPostgresDatabase(adminUrl, 'migrations');
      try {
        for (let run = 0; run < 2; run += 1) {
          const result = await runMigrateMain({ DATABASE_URL: database.url });
          const stdout = MIGRATED_COMPONENTS.map(({ component }) => `migrated ${component}: ${stepsOf(component)} steps applied\n`).join('');
          expect(result).toEqual({ code: 0, stdout, stderr: '' });
        }
      } finally {
        await database.drop();
      }
    });
  }
});
if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL so the PostgreSQL path is tested');
