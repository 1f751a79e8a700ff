import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { isRetryable } from '../failure-kind';
import type { LegacyError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';
import type { RetryOptions } from '../transport-options';
import { RetryBudget } from './retry-budget';

/**
 * Retries an idempotent call that failed by the system's fault (no answer, a timeout, a 5xx, a
 * fault reported in a 200), after a backoff with decorrelated jitter (cockatiel's), so callers that
 * failed together do not retry together. A retry is refused when the system's retry budget is
 * spent (retries then add at most `budgetRatio` to the load of a failing system) or when it could
 * not get `minAttemptMs` before the deadline. Writes are never retried: the transport cannot know
 * whether the system applied one before failing.
 *
 * The loop is ours rather than cockatiel's `retry()`: the guards read the call's deadline, which a
 * cockatiel backoff is never shown, and a policy built per call to close over it would cost a
 * policy and its emitters on every call.
 */
export class Retry implements Policy {
  /** Calls and retries over the window, shared by every endpoint of the system. */
  readonly budget: RetryBudget;
  private readonly backoff: ExponentialBackoff<unknown>;

  constructor(
    private readonly reporter: Reporter,
    private readonly options: Required<RetryOptions>,
  ) {
    this.budget = new RetryBudget({ ratio: options.budgetRatio, minPerSecond: options.budgetMinPerSecond, windowMs: options.budgetWindowMs });
    this.backoff = new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs });
  }

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    this.budget.recordCall();
    const idempotent = ctx.call.idempotent ?? (ctx.call.method === 'GET' || ctx.call.method === 'HEAD');
    return idempotent && this.options.maxRetries > 0 ? this.withRetries(ctx, next) : next(ctx);
  }

  private async withRetries<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    let backoff: IBackoff<unknown> | undefined;
    for (let retry = 1; ; retry++) {
      try {
        return await next(ctx);
      } catch (error) {
        if (retry > this.options.maxRetries || ctx.signal.aborted || !isRetryable(error)) throw error;
        backoff = backoff ? backoff.next(undefined) : this.backoff.next();
        const delayMs = Math.round(backoff.duration);
        this.allow(ctx, error, retry, delayMs);
        await pause(delayMs, ctx.signal);
        if (ctx.signal.aborted) throw error;
      }
    }
  }

  /** Throws `failure` again when the deadline or the budget cannot afford another attempt. */
  private allow(ctx: CallContext<unknown>, failure: LegacyError, retry: number, delayMs: number): void {
    const { system } = this.reporter;
    const { endpoint } = ctx.call;
    if (Date.now() + delayMs + this.options.minAttemptMs > ctx.deadline) {
      this.reporter.emit({ type: 'retry-denied', system, endpoint, reason: 'deadline' });
      throw failure;
    }
    if (!this.budget.tryWithdraw()) {
      this.reporter.emit({ type: 'retry-denied', system, endpoint, reason: 'budget' });
      throw failure;
    }
    this.reporter.emit({ type: 'retry', system, endpoint, attempt: retry, delayMs, code: failure.code });
  }
}

/** Waits `ms`, or until `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
