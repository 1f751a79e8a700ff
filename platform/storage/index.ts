export { migrate, type Migration } from './migrate';
export { openDatabase, type DatabaseOptions } from './open-database';
export type { SqlDatabase, SqlExecutor } from './sql-database';
