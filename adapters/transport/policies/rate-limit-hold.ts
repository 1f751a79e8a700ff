import { LegacyRateLimitedError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';
import type { RateLimitOptions } from '../transport-options';

/**
 * After a system answers an endpoint with 429, refuses further calls to that endpoint unsent for
 * as long as it asked (`Retry-After`, believed up to `maxRetryAfterSeconds`; a bare 429 holds for
 * `defaultRetryAfterSeconds`), telling each caller how long is left. Other endpoints go on. A 429
 * is the system asking for less load, not failing: it reaches no breaker and is never retried.
 */
export class RateLimitHold implements Policy {
  /** Endpoint → epoch ms until which it is held. Only endpoints held now, or once and not called since. */
  private readonly heldUntil = new Map<string, number>();

  constructor(
    private readonly reporter: Reporter,
    private readonly options: Required<RateLimitOptions>,
  ) {}

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const { endpoint } = ctx.call;
    const until = this.heldUntil.get(endpoint);
    if (until !== undefined) {
      const wait = until - Date.now();
      if (wait > 0) return Promise.reject(new LegacyRateLimitedError(this.reporter.system, endpoint, Math.ceil(wait / 1000), true));
      this.heldUntil.delete(endpoint);
    }
    return next(ctx).catch((error: unknown) => {
      if (error instanceof LegacyRateLimitedError && !error.held) this.hold(endpoint, error);
      throw error;
    });
  }

  private hold(endpoint: string, refusal: LegacyRateLimitedError): void {
    const seconds = Math.min(refusal.retryAfterSeconds ?? this.options.defaultRetryAfterSeconds, this.options.maxRetryAfterSeconds);
    this.heldUntil.set(endpoint, Date.now() + seconds * 1000);
    this.reporter.emit({ type: 'rate-limited', system: this.reporter.system, endpoint, retryAfterSeconds: seconds });
  }
}
