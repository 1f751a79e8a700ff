import { type Dispatcher, Pool } from 'undici';
import { MemoryCacheStore } from '../../platform/cache';
import { currentRequestScope } from '../../platform/request-scope';
import { Attempt } from './attempt';
import type { LegacyCall, LegacyReply, ReplyDecoder } from './legacy-call';
import { parseJsonBody } from './parse-wire';
import { Breakers } from './policies/breakers';
import { Bulkhead } from './policies/bulkhead';
import { Deadline } from './policies/deadline';
import { ANONYMOUS_SHARE, FairSharePolicy } from './policies/fair-share';
import { FreshCache } from './policies/fresh-cache';
import { Observe } from './policies/observe';
import { RateLimitHold } from './policies/rate-limit-hold';
import { Retry } from './policies/retry';
import { StaleIfError } from './policies/stale-if-error';
import { Trace } from './policies/trace';
import { type CallContext, type Chain, compose } from './policy';
import { ReplyCache } from './reply-cache';
import { Reporter } from './reporter';
import type { BreakerState } from './transport-events';
import { type LegacyTransportOptions, resolvePolicies } from './transport-options';

/** A transport's state for health checks and `/readyz`. */
export interface TransportHealth {
  system: string;
  /** The system's own breaker. */
  breaker: BreakerState;
  /** Calls being sent or awaiting their answer. */
  inFlight: number;
  /** Calls waiting for a bulkhead slot. */
  queued: number;
  /** Endpoints whose own breaker is not closed. */
  endpoints: Array<{ endpoint: string; breaker: BreakerState }>;
  /** First attempts and retries within the retry budget's window. */
  recent: { calls: number; retries: number };
}

/** A signal for the policies above the deadline, which sets the call's own. */
const NEVER_ABORTED = new AbortController().signal;
const AS_IS: ReplyDecoder<LegacyReply> = (reply) => reply;

/**
 * The one way adapters talk to a legacy system: one per system per process, its policies built
 * once. A call reads its request id, deadline and principal from the request scope, then passes
 * through the policies below, outermost first; each is one file under `policies/`.
 */
export class LegacyTransport {
  readonly system: string;
  private readonly chain: Chain;
  private readonly timeoutMs: number;
  private readonly cache: ReplyCache | undefined;
  private readonly ownsCache: boolean;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly retry: Retry;
  private readonly breakers: Breakers;
  private readonly bulkhead: Bulkhead;

  constructor(options: LegacyTransportOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${options.system}: baseUrl must be http(s), got ${url.protocol}`);
    const policies = resolvePolicies(options);
    this.system = options.system;
    this.timeoutMs = policies.timeoutMs;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Pool(url.origin, { connections: policies.connections, keepAliveTimeout: 30_000 });
    this.ownsCache = options.cache === undefined;
    const store = options.cache === undefined ? new MemoryCacheStore({ maxEntries: 2_000, maxChars: 8 * 1024 * 1024 }) : options.cache || undefined;
    this.cache = store ? new ReplyCache(store, this.system) : undefined;

    const reporter = new Reporter(this.system, options.logger, options.onEvent);
    const observe = new Observe(reporter);
    const freshCache = this.cache && (options.freshReads ?? true) ? new FreshCache(this.cache) : undefined;
    const staleIfError = this.cache ? new StaleIfError(this.cache, reporter) : undefined;
    const rateLimitHold = new RateLimitHold(reporter, policies.rateLimit);
    const deadline = new Deadline(reporter);
    const fairShare = policies.fairShare ? new FairSharePolicy(reporter, policies.fairShare) : undefined;
    const retry = new Retry(reporter, policies.retry);
    const breakers = new Breakers(reporter, policies.breaker);
    const bulkhead = new Bulkhead(reporter, policies.bulkhead);
    this.retry = retry;
    this.breakers = breakers;
    this.bulkhead = bulkhead;
    const traced = options.tracer ? new Trace(reporter, options.tracer, breakers) : undefined;
    const attempt = new Attempt(reporter, {
      baseUrl: url,
      dispatcher: this.dispatcher,
      minAttemptMs: policies.retry.minAttemptMs,
      maxRetryAfterSeconds: policies.rateLimit.maxRetryAfterSeconds,
    });

    // Outermost first. The trace (when on) spans all the rest, so the report's lines carry its ids.
    // The report sees every outcome; a fresh copy spares all below it; a stale copy stands in for
    // any failure below, the deadline's included; a held endpoint is refused before a timer is set;
    // the fair share holds a caller's retries and their waits too; each retry passes the breakers
    // again, so an open circuit stops the retries; a bulkhead slot is held for one attempt only,
    // never across a backoff.
    this.chain = compose(traced, observe, freshCache, staleIfError, rateLimitHold, deadline, fairShare, retry, breakers, bulkhead)(attempt);
  }

  /**
   * Sends one call through the policies. Without a decoder it answers the reply; with one, what
   * the decoder makes of the reply (live or, when the system fails, cached).
   */
  call(call: LegacyCall): Promise<LegacyReply>;
  call<T>(call: LegacyCall, decode: ReplyDecoder<T>): Promise<T>;
  async call<T>(call: LegacyCall, decode?: ReplyDecoder<T>): Promise<T | LegacyReply> {
    return (await this.chain(this.contextFor<T | LegacyReply>(call, decode ?? AS_IS))).value;
  }

  /** Parses a JSON body, or fails as a bad response without quoting it. */
  parseJson(reply: LegacyReply, endpoint: string): unknown {
    return parseJsonBody(reply, this.system, endpoint);
  }

  /** The breakers, the bulkhead and the retry budget as they stand. */
  health(): TransportHealth {
    return { system: this.system, ...this.breakers.health(), inFlight: this.bulkhead.inFlight, queued: this.bulkhead.queued, recent: this.retry.budget.snapshot() };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
    if (this.ownsCache) await this.cache?.close();
  }

  /** What the policies know of a call: the call, and the request scope it is made in. */
  private contextFor<T>(call: LegacyCall, decode: ReplyDecoder<T>): CallContext<T> {
    const scope = currentRequestScope();
    const started = Date.now();
    return {
      call,
      decode,
      scope,
      requestId: scope?.requestId,
      share: scope && scope.work === 'request' ? (scope.principalKey ?? ANONYMOUS_SHARE) : undefined,
      cacheKey: call.cache && this.cache ? this.cache.keyFor(call.endpoint, call.cache, scope?.principalKey) : undefined,
      started,
      deadline: Math.min(started + this.timeoutMs, scope?.deadline ?? Number.POSITIVE_INFINITY),
      signal: NEVER_ABORTED,
      attempts: 0,
    };
  }
}
