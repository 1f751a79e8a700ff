import { type BulkheadPolicy, bulkhead, isBulkheadRejectedError } from 'cockatiel';
import { LegacyFairShareExceededError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';

/**
 * The share of a system one caller gets: a bulkhead of its own, in front of the system's.
 *
 * Without it the system's bulkhead is first come, first served: one resident firing a hundred
 * dashboards fills every slot and the queue behind them, and everybody else's calls wait behind
 * that flood. With it, a caller's calls beyond its share wait in the caller's own queue, outside
 * the system's bulkhead, so the system's free slots stay free for others; beyond that queue they
 * are refused at once (LEGACY_RATE_LIMITED), which also bounds the memory a flood can hold.
 */
export interface FairShareOptions {
  /**
   * Calls one principal may have under way to the system at once (retries and their waits
   * included). Default: a quarter of the system's `bulkhead.maxConcurrent` (8 of 32), at least 1:
   * a dashboard makes up to five calls to one system at once (EMIAS), so one person's page never
   * waits on their own share, while four floods together still leave room for everyone else.
   */
  maxConcurrentPerPrincipal?: number;
  /**
   * Calls of one principal waiting for its share; beyond them a call is refused at once with
   * LEGACY_RATE_LIMITED. A waiting call still ends by its deadline. Default: four times
   * `maxConcurrentPerPrincipal` (32): a few dashboards open at once in tabs wait, a flood is cut.
   */
  maxQueuedPerPrincipal?: number;
}

/**
 * The share calls made for an anonymous request draw on (reference data): anonymous callers are
 * one caller as far as a legacy system is concerned, so together they cannot take it whole.
 * The service's own work (the outbox worker, start-up sign-ins: a scope with `work: 'service'`)
 * and calls outside any scope have no share and are not held here.
 */
export const ANONYMOUS_SHARE = 'anonymous';

/** The caller's share is in use and its queue full: the call was refused unsent. */
export class FairShareExceeded extends Error {
  constructor() {
    super("the caller's share of the system is in use");
    this.name = 'FairShareExceeded';
  }
}

/**
 * One system's fair shares, one bulkhead per principal that has calls under way or waiting.
 * A principal's bulkhead is dropped when its last call ends, so the map holds only the callers
 * of this moment, never a list of everybody who ever called.
 */
export class FairShare {
  private readonly shares = new Map<string, { bulkhead: BulkheadPolicy; calls: number }>();

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueued: number,
  ) {}

  /**
   * Runs `fn` within `principal`'s share: at once when it has a free slot, after its earlier calls
   * otherwise; FairShareExceeded when its queue is full. `signal` abandons a wait (the deadline).
   */
  async execute<T>(principal: string, fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    let share = this.shares.get(principal);
    if (!share) {
      share = { bulkhead: bulkhead(this.maxConcurrent, this.maxQueued), calls: 0 };
      this.shares.set(principal, share);
    }
    share.calls++;
    try {
      return await share.bulkhead.execute(() => fn(), signal);
    } catch (error) {
      throw isBulkheadRejectedError(error) ? new FairShareExceeded() : error;
    } finally {
      if (--share.calls === 0 && this.shares.get(principal) === share) this.shares.delete(principal);
    }
  }

  /** Principals with calls under way or waiting now. */
  get principals(): number {
    return this.shares.size;
  }
}

/**
 * The call within its caller's share (`CallContext.share`), with its retries and their waits, so a
 * caller cannot widen its share by failing. A refusal is the caller's, not the system's: it is
 * LEGACY_RATE_LIMITED, never reaches a breaker or the retry budget, and names no caller. The
 * service's own work (a scope with `work: 'service'`) and calls outside any scope have no share and pass.
 */
export class FairSharePolicy implements Policy {
  private readonly shares: FairShare;

  constructor(
    private readonly reporter: Reporter,
    options: Required<FairShareOptions>,
  ) {
    this.shares = new FairShare(options.maxConcurrentPerPrincipal, options.maxQueuedPerPrincipal);
  }

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    if (ctx.share === undefined) return next(ctx);
    return this.shares
      .execute(ctx.share, () => next(ctx), ctx.signal)
      .catch((error: unknown) => {
        if (!(error instanceof FairShareExceeded)) throw error;
        const { system } = this.reporter;
        this.reporter.emit({ type: 'fair-share-rejected', system, endpoint: ctx.call.endpoint });
        throw new LegacyFairShareExceededError(system, ctx.call.endpoint);
      });
  }
}
