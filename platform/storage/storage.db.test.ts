import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseOptions, migrate, openDatabase } from './index';

/**
 * The same contract on both backends: the embedded database always, and PostgreSQL where the
 * environment names one (CI starts a server and sets TEST_DATABASE_URL; so can a developer).
 */
const backends: Array<[string, () => DatabaseOptions]> = [['embedded', () => ({})]];
if (process.env.TEST_DATABASE_URL) backends.push(['postgres', () => ({ url: process.env.TEST_DATABASE_URL })]);
if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error('CI must set TEST_DATABASE_URL so the PostgreSQL path is tested');

describe.each(backends)('storage on %s', (_name, options) => {
  const table = `t_${process.pid}_${Date.now()}`;

  it('migrates once, commits a transaction and rolls back a failed one', async () => {
    const db = await openDatabase(options());
    try {
      const steps = [{ id: '001', sql: `create table ${table} (k text primary key, v int not null)` }];
      await migrate(db, table, steps);
      await migrate(db, table, steps);
      await db.transaction(async (tx) => {
        await tx.query(`insert into ${table} (k, v) values ($1, $2)`, ['a', 1]);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`insert into ${table} (k, v) values ($1, $2)`, ['b', 2]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const rows = await db.query<{ k: string; v: number }>(`select k, v from ${table} order by k`);
      expect(rows.rows).toEqual([{ k: 'a', v: 1 }]);
      await db.query(`drop table ${table}`);
    } finally {
      await db.close();
    }
  });
});

describe('embedded storage on disk', () => {
  it("runs with small shared buffers, in memory and on disk: its tables are small and RSS is the embedded graph's budget", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storage-'));
    try {
      for (const options of [{}, { dataDir: dir }]) {
        const db = await openDatabase(options);
        expect((await db.query<{ shared_buffers: string }>('show shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
        // On disk, what is committed outlives the process (the outbox says so when it starts).
        expect(db.durable).toBe('dataDir' in options);
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what was committed across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storage-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await migrate(first, 'restart', [{ id: '001', sql: 'create table kept (v int)' }]);
      await first.query('insert into kept values (42)');
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      expect((await second.query<{ v: number }>('select v from kept')).rows).toEqual([{ v: 42 }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
