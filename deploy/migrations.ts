import { AUDIT_MIGRATIONS } from '../platform/audit';
import { ConfigError, type Env, envString } from '../platform/config';
import { type Migration, migrate, type SqlDatabase } from '../platform/storage';
import { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS } from '../subgraphs/housing';
import { PAYMENTS_COMPONENT, PAYMENTS_MIGRATIONS } from '../subgraphs/payments';

/**
 * Every component that keeps tables in the shared PostgreSQL, with its history of steps. The
 * services apply their own at start too (idempotent, one replica at a time under an advisory
 * lock); the migrations job applies them all first, so a rollout never waits on DDL and the
 * services' database role can do without it.
 */
export const MIGRATED_COMPONENTS: ReadonlyArray<{ component: string; migrations: ReadonlyArray<Migration> }> = [
  // The name platform/audit migrates under.
  { component: 'audit', migrations: AUDIT_MIGRATIONS },
  { component: OUTBOX_COMPONENT, migrations: OUTBOX_MIGRATIONS },
  { component: PAYMENTS_COMPONENT, migrations: PAYMENTS_MIGRATIONS },
];

/** What the migrations job reads from its environment. */
export interface MigrationConfig {
  /** `DATABASE_URL`: the PostgreSQL every subgraph shares. Required: the embedded stores migrate themselves. */
  databaseUrl: string;
}

/** `DATABASE_URL` (required, `postgres://` or `postgresql://`). */
export function migrationConfigFromEnv(env: Env): MigrationConfig {
  const databaseUrl = envString(env, 'DATABASE_URL');
  // Not echoed: the URL carries the database password.
  if (!/^postgres(?:ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL');
  return { databaseUrl };
}

/** Applies every component's pending steps; answers how many steps each has applied in all. */
export async function runMigrations(db: SqlDatabase): Promise<Array<{ component: string; applied: number }>> {
  const done: Array<{ component: string; applied: number }> = [];
  for (const { component, migrations } of MIGRATED_COMPONENTS) {
    await migrate(db, component, migrations);
    const { rows } = await db.query<{ n: number | string }>('select count(*) as n from schema_migrations where component = $1', [component]);
    done.push({ component, applied: Number(rows[0]?.n ?? 0) });
  }
  return done;
}
