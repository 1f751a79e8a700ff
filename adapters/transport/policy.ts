import type { RequestScope } from '../../platform/request-scope';
import type { LegacyCall, LegacyReply, ReplyDecoder } from './legacy-call';

/**
 * One call on its way through the policies: what the adapter asked, and what the transport read
 * from the request scope when the call began. Built once per call by `LegacyTransport.call`.
 */
export interface CallContext<T> {
  readonly call: LegacyCall;
  readonly decode: ReplyDecoder<T>;
  /** The request the call serves; undefined outside any request (start-up, the outbox worker). */
  readonly scope: RequestScope | undefined;
  /** Sent as `x-request-id`: the scope's. */
  readonly requestId: string | undefined;
  /**
   * Whose share of the system the call draws on (see FairShare): the scope's principal,
   * ANONYMOUS_SHARE in a request without one, undefined outside any request.
   */
  readonly share: string | undefined;
  /** Where the answer is kept for stale-if-error; undefined when it is not kept. */
  readonly cacheKey: string | undefined;
  /** When the call began (epoch ms). */
  readonly started: number;
  /** By when the call ends, retries and waits included (epoch ms): the earlier of the scope's deadline and `timeoutMs`. */
  readonly deadline: number;
  /**
   * Aborted at the deadline: every wait below it (a queue, a backoff, the request) gives up then.
   * Set by the deadline policy; before it, a signal that never aborts.
   */
  signal: AbortSignal;
  /** Requests sent to the system so far. */
  attempts: number;
}

/** What a call comes back with: the adapter's value, the reply it was decoded from, and where that came from. */
export interface Answer<T> {
  value: T;
  reply: LegacyReply;
  served: 'live' | 'fresh-cache' | 'stale-cache';
}

/** The rest of the chain below a policy. */
export type Next<T> = (ctx: CallContext<T>) => Promise<Answer<T>>;

/**
 * One concern of a legacy call (a deadline, a cache, a breaker), wrapped around the rest of the
 * chain: it may answer without calling `next`, call it once or more, or turn what it throws into
 * another failure.
 *
 * Every concern is a Policy of this one shape, rather than some being cockatiel `IPolicy`s joined
 * with its `wrap`: `wrap` hands a policy only an abort signal, so no policy could read the call
 * (its endpoint, deadline or principal), the endpoint's breaker could not be chosen per call, and
 * the caches and the 429 hold are no cockatiel concept. cockatiel still runs the state machines
 * inside the policies that have one (breakers, bulkheads, backoff).
 */
export interface Policy {
  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>>;
}

/** The end of the chain: one request to the system. */
export interface Terminal {
  execute<T>(ctx: CallContext<T>): Promise<Answer<T>>;
}

/** A composed chain, built once per transport and run for every call. */
export type Chain = <T>(ctx: CallContext<T>) => Promise<Answer<T>>;

/**
 * Joins policies into one chain, outermost first, ending in `terminal`. An `undefined` policy is
 * one switched off by configuration (no cache, no fair share) and is left out.
 */
export function compose(...policies: ReadonlyArray<Policy | undefined>): (terminal: Terminal) => Chain {
  return (terminal) => {
    let chain: Chain = (ctx) => terminal.execute(ctx);
    for (let i = policies.length - 1; i >= 0; i--) {
      const policy = policies[i];
      if (!policy) continue;
      const next = chain;
      chain = (ctx) => policy.execute(ctx, next);
    }
    return chain;
  };
}
