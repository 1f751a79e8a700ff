import { Redis } from 'ioredis';
import type { CacheStore } from './cache-store';

export interface RedisCacheStoreOptions {
  /** `redis://host:port/db`. */
  url: string;
  /** Put before every key, so several deployments or caches can share one Redis. Default `rg:`. */
  keyPrefix?: string;
  /**
   * Longest wait for one command. The cache sits on the path of a request that is failing over
   * to it, so a slow or unreachable Redis must cost little: it then counts as a miss. Default 100.
   */
  commandTimeoutMs?: number;
  /** Told of Redis errors (without keys or values), for logs and metrics. */
  onError?: (error: Error) => void;
}

/**
 * How long a write waits for others to go out with it. Nobody waits for a cache write (the
 * transport does not await it), and each command sent alone is a socket write here and a read in
 * Redis: sent one by one, the cache's commands were a fifth of a subgraph's CPU.
 */
export const WRITE_BATCH_MS = 5;

/**
 * The cache shared by every replica of a service, on Redis: what one replica fetched can stand in
 * for a failing system on another. Expiry is Redis's own (`PX`).
 *
 * Commands issued in the same turn of the event loop go out in one socket write (ioredis's
 * automatic pipelining): the reads a request makes together, before its legacy calls. Writes wait
 * up to `WRITE_BATCH_MS` to be sent together, since the answers they keep arrive one by one.
 */
export class RedisCacheStore implements CacheStore {
  private readonly client: Redis;
  private readonly onError: (error: Error) => void;
  private pendingWrites: Array<{ key: string; value: string; ttlMs: number }> = [];
  private writesSent: Promise<void> | undefined;

  constructor(options: RedisCacheStoreOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`RedisCacheStore: url must be redis:// or rediss://, got ${url.protocol}`);
    const commandTimeout = options.commandTimeoutMs ?? 100;
    if (!(commandTimeout > 0)) throw new Error('RedisCacheStore: commandTimeoutMs must be positive');
    this.onError = options.onError ?? (() => undefined);
    this.client = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'rg:',
      commandTimeout,
      // A command waits for at most one reconnection, then fails as a miss.
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
      // A socket that will not close on QUIT is cut soon, so shutdown is not held up by it.
      disconnectTimeout: 200,
      enableAutoPipelining: true,
    });
    // ioredis emits connection errors as events; without a listener they would crash the process.
    this.client.on('error', (error: Error) => this.onError(error));
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(key)) ?? undefined;
    } catch (error) {
      this.onError(error as Error);
      return undefined;
    }
  }

  /** Resolves once the value was sent with the writes batched beside it (or could not be). */
  set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return Promise.resolve();
    this.pendingWrites.push({ key, value, ttlMs: Math.ceil(ttlMs) });
    this.writesSent ??= new Promise<void>((resolve) => setTimeout(resolve, WRITE_BATCH_MS).unref()).then(() => this.sendWrites());
    return this.writesSent;
  }

  /** Sends the batched writes in one go: issued in one turn of the loop, they are pipelined. */
  private async sendWrites(): Promise<void> {
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    this.writesSent = undefined;
    await Promise.all(
      writes.map(({ key, value, ttlMs }) =>
        this.client.set(key, value, 'PX', ttlMs).then(
          () => undefined,
          (error: unknown) => this.onError(error as Error),
        ),
      ),
    );
  }

  async close(): Promise<void> {
    // Writes still waiting for their batch go out before the connection closes.
    if (this.writesSent) await this.sendWrites();
    // QUIT lets replies in flight arrive; a client that is not connected just stops reconnecting.
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // fall through
      }
    }
    this.client.disconnect();
  }
}
