import { readFileSync } from 'node:fs';
import { benchStores } from './bench-stores';
import { processTreeCpuMs } from './process-cpu';

describe('the stores a benchmark run was given', () => {
  it('are none unless given: the per-service graph then keeps its stores embedded', async () => {
    await expect(benchStores({})).resolves.toEqual({ env: {}, processes: [] });
  });

  // Run where the environment names a PostgreSQL and a Redis on this machine (CI starts both).
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (process.env.CI && !(databaseUrl && redisUrl)) throw new Error('CI must set TEST_DATABASE_URL and TEST_REDIS_URL so the stores a benchmark counts are tested');
  if (databaseUrl && redisUrl)
    it('hand the subgraphs their URLs, and name the server processes to count', async () => {
      const stores = await benchStores({ BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: redisUrl });
      expect(stores.env).toEqual({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
      expect(stores.processes.map((p) => p.name)).toEqual(['postgres', 'redis']);
      const command = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      expect(command(stores.processes[0]!.pid)).toMatch(/^postgres/);
      expect(command(stores.processes[1]!.pid)).toMatch(/^redis-server/);
      // The postmaster's CPU counts every backend under it.
      for (const p of stores.processes) expect(processTreeCpuMs(p.pid)).toBeGreaterThanOrEqual(0);
    });
});
