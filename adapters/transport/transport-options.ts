import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { CacheStore } from '../../platform/cache';
import type { FairShareOptions } from './policies/fair-share';
import type { TransportEventListener } from './transport-events';

/** Retries of idempotent calls. */
export interface RetryOptions {
  /**
   * Retries after the first attempt. A second and third try hide most transient faults (a reset
   * connection, one 503 from a node being restarted); more only add load. 0 turns retries off.
   * Default 2.
   */
  maxRetries?: number;
  /**
   * Median wait before the first retry, in ms; later ones grow exponentially with decorrelated
   * jitter, so callers that failed together do not retry together. Default 50.
   */
  initialDelayMs?: number;
  /** Longest wait between two attempts, in ms. Default 1000. */
  maxDelayMs?: number;
  /**
   * Retries allowed as a share of the calls made to the system over the window: the retry budget.
   * It keeps retries from multiplying the load on a system that is failing a lot. Default 0.2.
   */
  budgetRatio?: number;
  /**
   * Retries allowed per second of the window whatever the traffic, so a quiet system still has
   * its transient faults hidden. Default 1.
   */
  budgetMinPerSecond?: number;
  /** The window the budget counts over, in ms. Default 10 000. */
  budgetWindowMs?: number;
  /**
   * A retry is made only if at least this much time would be left before the call's deadline
   * after its backoff: an attempt with less time than that would only time out. Default 100.
   */
  minAttemptMs?: number;
}

/** The circuit breakers: one for the system, and one per endpoint where endpoints fail apart. */
export interface BreakerOptions {
  /**
   * Share of failed calls over the window that opens a breaker. Half: a system failing every
   * other call is better reported at once than waited on. Default 0.5.
   */
  failureRate?: number;
  /** The sliding window failures are counted over, in ms. Default 10 000. */
  windowMs?: number;
  /**
   * Attempts needed in the window before a breaker may open, so that a quiet system is not cut off
   * by the failures (and their retries) of a single request: one dashboard makes up to 5 calls to
   * a system, 15 attempts with retries. Default 20 (2 per second over the default window).
   */
  minimumCalls?: number;
  /**
   * How long an open breaker fails calls fast before letting one probe through (half-open);
   * the probe's success closes it, its failure opens it again. Default 5 000.
   */
  halfOpenAfterMs?: number;
  /**
   * A breaker per endpoint besides the system's own. An endpoint answering garbage or failing
   * alone (one backend of the system) is then cut off without the rest of the system. Default true.
   */
  perEndpoint?: boolean;
}

/** The bulkhead: how much of this process one system may hold at once. */
export interface BulkheadOptions {
  /** Calls in flight at once. Default: `connections`, so calls never wait inside the pool. */
  maxConcurrent?: number;
  /**
   * Calls waiting for a slot; beyond them a call fails fast with LEGACY_UNAVAILABLE, so a hung
   * system cannot pile up requests and memory. A waiting call still ends by its deadline.
   * Default 1024: a dashboard fans out up to five calls to one system (EMIAS), so a burst of a
   * few hundred dashboards must queue rather than fail while the system is healthy; a waiting call
   * costs a few hundred bytes.
   */
  maxQueued?: number;
}

/** What the transport does with `429 Too Many Requests`. */
export interface RateLimitOptions {
  /** How long to hold calls to the endpoint after a 429 without `Retry-After`, in s. Default 1. */
  defaultRetryAfterSeconds?: number;
  /** The longest `Retry-After` believed, in s: a wrong header must not stop an endpoint for hours. Default 60. */
  maxRetryAfterSeconds?: number;
}

export interface LegacyTransportOptions {
  /** The system's short name; it labels errors, logs and metrics. */
  system: string;
  /** Where the system lives (`http://127.0.0.1:8101`); a path prefix is kept. */
  baseUrl: string;
  /**
   * Longest time one call may take, retries and waits included, in ms: the most a hung system
   * costs a request. Shorter than the subgraph's request budget, so a hung system fails its own
   * fields, not the whole answer. A nearer deadline in the request scope wins.
   * Default 2000.
   */
  timeoutMs?: number;
  /** Keep-alive sockets to the system. Default 32. */
  connections?: number;
  /** Injected in tests (undici `MockAgent`); by default a keep-alive `Pool` of its own. */
  dispatcher?: Dispatcher;
  logger?: Logger;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  bulkhead?: BulkheadOptions;
  /**
   * How much of the bulkhead one principal (the request scope's `principalKey`) may hold, so that
   * one caller's flood does not queue everybody else behind it. On by default; `false` turns it off.
   */
  fairShare?: FairShareOptions | false;
  rateLimit?: RateLimitOptions;
  /**
   * Where answers of calls with a cache hint are kept for stale-if-error. Pass one store for all
   * the transports of a process (`createCacheStore`: Redis when `REDIS_URL` is set). Default: a
   * small in-memory store of this transport's own (2 000 answers, 8 M characters); `false` turns
   * caching off.
   */
  cache?: CacheStore | false;
  /**
   * Whether read-mostly answers are served from the per-principal cache within their freshness
   * window (`CacheHint.freshMs`) without asking the system. Default true. Off, every call reaches
   * the system and the cache only stands in when it fails: what tests that count legacy calls, or
   * break a system after reading it, want.
   */
  freshReads?: boolean;
  /** Told of every call, retry, breaker change, rejection and stale answer; for metrics. */
  onEvent?: TransportEventListener;
  /**
   * Traces every call as a span (policies/trace.ts) and sends its `traceparent` to the system.
   * Absent (the default: tracing off), the policy is left out of the chain.
   */
  tracer?: Tracer;
}

/** The options with every default applied, checked. */
export interface ResolvedPolicies {
  timeoutMs: number;
  connections: number;
  retry: Required<RetryOptions>;
  breaker: Required<BreakerOptions>;
  bulkhead: Required<BulkheadOptions>;
  fairShare: Required<FairShareOptions> | false;
  rateLimit: Required<RateLimitOptions>;
}

/** Applies defaults and rejects bad options at once, naming the option. */
export function resolvePolicies(options: LegacyTransportOptions): ResolvedPolicies {
  const fail = (what: string): never => {
    throw new Error(`${options.system}: ${what}`);
  };
  const positive = (name: string, value: number): number => (value > 0 && Number.isFinite(value) ? value : fail(`${name} must be a positive number`));
  const count = (name: string, value: number, min: number): number => (Number.isInteger(value) && value >= min ? value : fail(`${name} must be an integer ≥ ${min}`));
  const share = (name: string, value: number, open: boolean): number =>
    value >= 0 && value <= 1 && !(open && (value === 0 || value === 1)) ? value : fail(`${name} must be within ${open ? '(0, 1)' : '[0, 1]'}`);

  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? 2000);
  const connections = count('connections', options.connections ?? 32, 1);
  const r = options.retry ?? {};
  const retry: Required<RetryOptions> = {
    maxRetries: count('retry.maxRetries', r.maxRetries ?? 2, 0),
    initialDelayMs: positive('retry.initialDelayMs', r.initialDelayMs ?? 50),
    maxDelayMs: positive('retry.maxDelayMs', r.maxDelayMs ?? 1000),
    budgetRatio: share('retry.budgetRatio', r.budgetRatio ?? 0.2, false),
    budgetMinPerSecond: r.budgetMinPerSecond ?? 1,
    budgetWindowMs: positive('retry.budgetWindowMs', r.budgetWindowMs ?? 10_000),
    minAttemptMs: r.minAttemptMs ?? 100,
  };
  if (!(retry.budgetMinPerSecond >= 0 && Number.isFinite(retry.budgetMinPerSecond))) fail('retry.budgetMinPerSecond must be a non-negative number');
  if (!(retry.minAttemptMs >= 0 && Number.isFinite(retry.minAttemptMs))) fail('retry.minAttemptMs must be a non-negative number');
  if (retry.maxDelayMs < retry.initialDelayMs) fail('retry.maxDelayMs must not be below retry.initialDelayMs');
  const b = options.breaker ?? {};
  const breaker: Required<BreakerOptions> = {
    failureRate: share('breaker.failureRate', b.failureRate ?? 0.5, true),
    windowMs: count('breaker.windowMs', b.windowMs ?? 10_000, 1000),
    minimumCalls: count('breaker.minimumCalls', b.minimumCalls ?? 20, 1),
    halfOpenAfterMs: positive('breaker.halfOpenAfterMs', b.halfOpenAfterMs ?? 5_000),
    perEndpoint: b.perEndpoint ?? true,
  };
  const k = options.bulkhead ?? {};
  const bulkhead: Required<BulkheadOptions> = {
    maxConcurrent: count('bulkhead.maxConcurrent', k.maxConcurrent ?? connections, 1),
    maxQueued: count('bulkhead.maxQueued', k.maxQueued ?? 1024, 0),
  };
  const f = options.fairShare ?? {};
  let fairShare: Required<FairShareOptions> | false = false;
  if (f) {
    const perPrincipal = count('fairShare.maxConcurrentPerPrincipal', f.maxConcurrentPerPrincipal ?? Math.max(1, Math.floor(bulkhead.maxConcurrent / 4)), 1);
    if (perPrincipal > bulkhead.maxConcurrent) fail('fairShare.maxConcurrentPerPrincipal must not exceed bulkhead.maxConcurrent');
    fairShare = { maxConcurrentPerPrincipal: perPrincipal, maxQueuedPerPrincipal: count('fairShare.maxQueuedPerPrincipal', f.maxQueuedPerPrincipal ?? 4 * perPrincipal, 0) };
  }
  const l = options.rateLimit ?? {};
  const rateLimit: Required<RateLimitOptions> = {
    defaultRetryAfterSeconds: positive('rateLimit.defaultRetryAfterSeconds', l.defaultRetryAfterSeconds ?? 1),
    maxRetryAfterSeconds: positive('rateLimit.maxRetryAfterSeconds', l.maxRetryAfterSeconds ?? 60),
  };
  return { timeoutMs, connections, retry, breaker, bulkhead, fairShare, rateLimit };
}
