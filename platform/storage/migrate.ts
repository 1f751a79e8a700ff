import type { SqlDatabase } from './sql-database';

/**
 * One step of a schema's history; steps are applied once, in order, and never edited afterwards.
 * One SQL statement per step: the embedded database runs a step as a single prepared statement.
 */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * Brings a component's tables up to date. Each component (`outbox`, `audit`) keeps its own
 * history, so components can share one database without knowing about each other.
 */
export async function migrate(db: SqlDatabase, component: string, migrations: ReadonlyArray<Migration>): Promise<void> {
  await db.transaction(async (tx) => {
    // `create table if not exists` does not guard against itself: services of different
    // components starting together on a fresh database can both find the table missing, and one
    // then fails on PostgreSQL's catalogue (`pg_type_typname_nsp_index`). One lock, whatever the
    // component, lets one create it and the others find it.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['schema_migrations']);
    await tx.query(`create table if not exists schema_migrations (
      component text not null, id text not null, applied_at timestamptz not null default now(),
      primary key (component, id))`);
  });
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      // Replicas starting together migrate one at a time; the lock ends with the transaction.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`schema_migrations:${component}`]);
      const done = await tx.query('select 1 from schema_migrations where component = $1 and id = $2', [component, migration.id]);
      if (done.rows.length > 0) return;
      await tx.query(migration.sql);
      await tx.query('insert into schema_migrations (component, id) values ($1, $2)', [component, migration.id]);
    });
  }
}
