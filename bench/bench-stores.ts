import { Redis } from 'ioredis';
import { Client } from 'pg';
import { parentPid } from './process-cpu';

/** A server process whose CPU the benchmark counts with the graph's. */
export interface CountedProcess {
  name: string;
  pid: number;
}

/** What the per-service graph is given to use PostgreSQL and Redis, and the servers to count. */
export interface BenchStores {
  /** `DATABASE_URL` and `REDIS_URL` for every subgraph; empty when the run was given neither. */
  env: Record<string, string>;
  processes: CountedProcess[];
}

/**
 * PostgreSQL and Redis as production runs them, when the run was given them:
 * `BENCH_DATABASE_URL` and `BENCH_REDIS_URL` (on this machine,
 * `test/support/start-test-postgres.sh` and `start-test-redis.sh` start both and print the URLs).
 * The subgraphs of the per-service layout then keep the audit trail and the outbox in PostgreSQL
 * and the stale-if-error answers in Redis, and both servers' CPU is counted with the graph's: the
 * postmaster with every backend under it, and redis-server. They must run on this machine.
 */
export async function benchStores(env: NodeJS.ProcessEnv = process.env): Promise<BenchStores> {
  const stores: BenchStores = { env: {}, processes: [] };
  const databaseUrl = env.BENCH_DATABASE_URL;
  if (databaseUrl) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      const postmaster = rows[0] ? parentPid(rows[0].pid) : undefined;
      if (!postmaster) throw new Error('BENCH_DATABASE_URL: the PostgreSQL server is not a process on this machine');
      stores.env.DATABASE_URL = databaseUrl;
      stores.processes.push({ name: 'postgres', pid: postmaster });
    } finally {
      await client.end();
    }
  }
  const redisUrl = env.BENCH_REDIS_URL;
  if (redisUrl) {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
      if (!Number.isInteger(pid) || pid <= 0) throw new Error('BENCH_REDIS_URL: the Redis server did not say its process id');
      stores.env.REDIS_URL = redisUrl;
      stores.processes.push({ name: 'redis', pid });
    } finally {
      redis.disconnect();
    }
  }
  return stores;
}
