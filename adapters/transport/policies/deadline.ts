import { LegacyTimeoutError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';

/**
 * Ends the call by its deadline, whatever is under way below: a wait in a queue, a backoff, a
 * breaker's probe awaited, the request. One abort signal and one timer per call, shared by every
 * attempt: the signal cancels the request in flight and the waits that listen to it, and the
 * timer answers the caller at the deadline even when something below does not listen.
 * (`AbortSignal.timeout` would spare the clearTimeout, but measured here it costs more than twice
 * as much CPU as a controller and a timer, keeps its timer until it fires, and jest's fake
 * timers cannot drive it.)
 */
export class Deadline implements Policy {
  constructor(private readonly reporter: Reporter) {}

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const { endpoint } = ctx.call;
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new LegacyTimeoutError(this.reporter.system, endpoint, 0));
    const controller = new AbortController();
    ctx.signal = controller.signal;
    return new Promise<Answer<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new LegacyTimeoutError(this.reporter.system, endpoint, Math.round(ctx.deadline - ctx.started)));
        controller.abort();
      }, remaining);
      next(ctx).then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
