/** How long `eventually` keeps asking, and how often. */
export interface EventuallyOptions {
  /** Gives up after this long. Default 10 000 ms. */
  timeoutMs?: number;
  /** Waits this long between two questions. Default 20 ms. */
  intervalMs?: number;
  /** Names the condition in the failure, so a timeout says what never happened. */
  what?: string;
}

/**
 * Asks `probe` until it answers something other than `undefined` or `false`, and resolves with
 * that answer; fails once `timeoutMs` has passed. For what happens in the background (a worker
 * delivering, a log line arriving, a key expiring in Redis): tests wait for the condition itself,
 * never for a fixed time. A number as the second argument is the timeout.
 */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: EventuallyOptions | number = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'the condition' } = typeof options === 'number' ? { timeoutMs: options } : options;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > until) throw new Error(`${what} was not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
