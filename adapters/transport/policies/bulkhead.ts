import { type BulkheadPolicy, bulkhead, isBulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { markOurs } from '../failure-kind';
import { LegacyOverCapacityError, LegacyTimeoutError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';
import type { BulkheadOptions } from '../transport-options';

/**
 * How much of this process one system may hold at once: `maxConcurrent` attempts in flight,
 * `maxQueued` waiting for a slot, the rest refused unsent at once (LEGACY_UNAVAILABLE, "over
 * capacity"), so one hung system cannot take every socket and the memory of queued requests. A
 * waiting call whose deadline passes leaves without being sent. Innermost, so a slot is held for
 * one attempt only, never across a backoff.
 */
export class Bulkhead implements Policy {
  private readonly bulkhead: BulkheadPolicy;

  constructor(
    private readonly reporter: Reporter,
    private readonly options: Required<BulkheadOptions>,
  ) {
    this.bulkhead = bulkhead(options.maxConcurrent, options.maxQueued);
  }

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    return this.bulkhead
      .execute(() => next(ctx), ctx.signal)
      .catch((error: unknown) => {
        const { system } = this.reporter;
        const { endpoint } = ctx.call;
        if (isBulkheadRejectedError(error)) {
          this.reporter.emit({ type: 'bulkhead-rejected', system, endpoint });
          throw new LegacyOverCapacityError(system, endpoint);
        }
        // Its deadline passed while it waited: the transport's doing, not the system's. (Not
        // cockatiel's isTaskCancelledError: in 3.2.1 it tests for the bulkhead's property instead.)
        if (error instanceof TaskCancelledError) throw markOurs(new LegacyTimeoutError(system, endpoint, Math.max(0, Math.round(ctx.deadline - Date.now()))));
        throw error;
      });
  }

  /** Attempts in flight now. */
  get inFlight(): number {
    return this.options.maxConcurrent - this.bulkhead.executionSlots;
  }

  /** Attempts waiting for a slot now. */
  get queued(): number {
    return this.options.maxQueued - this.bulkhead.queueSlots;
  }
}
