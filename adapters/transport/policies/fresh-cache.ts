import type { Answer, CallContext, Next, Policy } from '../policy';
import type { ReplyCache } from '../reply-cache';

/**
 * Serves a read-mostly answer kept within its freshness window (`CacheHint.freshMs`) without asking
 * the system: a resident who re-opens the dashboard within a minute costs the legacy systems
 * almost nothing. Outside stale-if-error, which fills the cache this reads.
 */
export class FreshCache implements Policy {
  constructor(private readonly cache: ReplyCache) {}

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const freshMs = ctx.call.cache?.freshMs ?? 0;
    return ctx.cacheKey !== undefined && freshMs > 0 ? this.lookUp(ctx, ctx.cacheKey, freshMs, next) : next(ctx);
  }

  private async lookUp<T>(ctx: CallContext<T>, key: string, freshMs: number, next: Next<T>): Promise<Answer<T>> {
    const kept = await this.cache.answer(key, freshMs, ctx.decode);
    return kept ? { ...kept, served: 'fresh-cache' } : next(ctx);
  }
}
