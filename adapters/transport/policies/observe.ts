import { causeOf, isLegacyError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';

/**
 * Reports how each call ended, as the `call` event metrics count (its outcome, attempts, time and
 * where the answer came from), and logs a failure by its code and the class of its cause. The
 * outermost policy, so it sees every answer, live or cached, and every refusal of the policies
 * below.
 */
export class Observe implements Policy {
  constructor(private readonly reporter: Reporter) {}

  async execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const { system } = this.reporter;
    const { endpoint } = ctx.call;
    try {
      const answer = await next(ctx);
      this.reporter.emit({ type: 'call', system, endpoint, outcome: 'ok', attempts: ctx.attempts, ms: Date.now() - ctx.started, served: answer.served });
      return answer;
    } catch (error) {
      const code = isLegacyError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      const ms = Date.now() - ctx.started;
      this.reporter.emit({ type: 'call', system, endpoint, outcome: code, attempts: ctx.attempts, ms, served: 'none' });
      this.reporter.logger?.warn({ system, endpoint, code, attempts: ctx.attempts, ms, cause: causeOf(error) }, 'legacy call failed');
      throw error;
    }
  }
}
