export { type Migration, migrate } from './migrate';
export { type DatabaseOptions, openDatabase } from './open-database';
export type { SqlDatabase, SqlExecutor } from './sql-database';
