import { recordStaleRead } from '../../../platform/request-scope';
import { moscowIso } from '../../../platform/time';
import { staleMayStandIn } from '../failure-kind';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { CacheHint, ReplyCache } from '../reply-cache';
import type { Reporter } from '../reporter';

/**
 * Keeps each live answer of a call with a cache hint, and when the system fails (down, too slow,
 * rate limiting, its circuit open) answers with the kept one if it is within `CacheHint.staleMs`,
 * noting in the request scope that the response is stale and from when. Garbage from the system is
 * not stood in for: the contract break must show. The entries it keeps are also what FreshCache
 * serves.
 */
export class StaleIfError implements Policy {
  constructor(
    private readonly cache: ReplyCache,
    private readonly reporter: Reporter,
  ) {}

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const hint = ctx.call.cache;
    return ctx.cacheKey !== undefined && hint ? this.guard(ctx, ctx.cacheKey, hint, next) : next(ctx);
  }

  private async guard<T>(ctx: CallContext<T>, key: string, hint: CacheHint, next: Next<T>): Promise<Answer<T>> {
    try {
      const answer = await next(ctx);
      if (answer.served === 'live') this.keep(key, answer, hint);
      return answer;
    } catch (error) {
      if (!staleMayStandIn(error)) throw error;
      const kept = await this.cache.answer(key, hint.staleMs, ctx.decode);
      if (!kept) throw error;
      const { system } = this.reporter;
      const { endpoint } = ctx.call;
      const ageMs = Date.now() - kept.reply.cachedAt;
      recordStaleRead({ system, asOf: moscowIso(new Date(kept.reply.cachedAt)) }, ctx.scope);
      this.reporter.emit({ type: 'stale-served', system, endpoint, ageMs });
      this.reporter.logger?.warn({ system, endpoint, code: error.code, attempts: ctx.attempts, ageMs }, 'legacy call failed, served stale');
      return { ...kept, served: 'stale-cache' };
    }
  }

  /** Kept for as long as either window needs it; a failing store only loses the copy. */
  private keep(key: string, answer: Answer<unknown>, hint: CacheHint): void {
    const ttlMs = Math.max(hint.freshMs ?? 0, hint.staleMs);
    if (!(ttlMs > 0)) return;
    this.cache.write(key, answer.reply, Date.now(), ttlMs).catch(() => undefined);
  }
}
