import { openDatabase } from '../platform/storage';
import { migrationConfigFromEnv, runMigrations } from './migrations';

/**
 * The migrations job: brings the shared PostgreSQL (`DATABASE_URL`) up to date for every
 * component, prints one line per component, and exits 0; any failure exits 1. Safe to run again,
 * and beside starting services (each step runs once, under an advisory lock).
 */
async function main(): Promise<void> {
  const config = migrationConfigFromEnv(process.env);
  const db = await openDatabase({ url: config.databaseUrl, poolSize: 1 });
  try {
    for (const { component, applied } of await runMigrations(db)) process.stdout.write(`migrated ${component}: ${applied} steps applied\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrations failed: ${(error as Error).message}\n`);
  process.exit(1);
});
