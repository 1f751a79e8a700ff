import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ExponentialBackoff,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isTaskCancelledError,
  retry,
  SamplingBreaker,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { Pool, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { MemoryCacheStore } from '../../platform/cache';
import { currentRequestScope, recordStaleRead } from '../../platform/request-scope';
import { moscowIso } from '../../platform/time';
import { ANONYMOUS_SHARE, FairShare, FairShareExceeded } from './fair-share';
import {
  LegacyBadResponseError,
  LegacyCircuitOpenError,
  LegacyError,
  LegacyFairShareExceededError,
  LegacyOverCapacityError,
  LegacyRateLimitedError,
  LegacyTimeoutError,
  LegacyUnavailableError,
} from './legacy-errors';
import { ReplyCache, type CacheHint } from './reply-cache';
import { RetryBudget } from './retry-budget';
import type { BreakerState, TransportEvent, TransportEventListener } from './transport-events';
import { resolvePolicies, type LegacyTransportOptions, type ResolvedPolicies } from './transport-options';

/** Query values; `undefined` leaves the parameter out, arrays repeat it. */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;

export interface LegacyCall {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /**
   * A label for the endpoint without ids or query values (`GET /persons/:id`). Logs, metrics,
   * errors and the per-endpoint breaker use it; the real path may carry personal data and never
   * leaves the transport.
   */
  endpoint: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: string;
  /** Propagated as `x-request-id`; by default the request scope's. */
  requestId?: string;
  /**
   * An absolute deadline (epoch ms); by default the request scope's. The call, retries included,
   * ends by the earlier of it and `timeoutMs`.
   */
  deadline?: number;
  /**
   * 5xx statuses handed back to the adapter instead of failing the call, for protocols that put
   * the reason in the body: SOAP 1.1 sends every fault, client or server, as HTTP 500.
   */
  passStatuses?: ReadonlyArray<number>;
  /**
   * The call only reads, so sending it twice does no harm and it may be retried. Default: true
   * for GET and HEAD, false otherwise — reads over POST or PUT (JSON-RPC, SOAP, AMPP's
   * `PUT getbalance`) say so. A write is never retried here: the transport cannot know whether
   * the system applied it before failing.
   */
  idempotent?: boolean;
  /** Keep the answer to stand in when the system fails (stale-if-error); read-mostly data only. */
  cache?: CacheHint;
}

export interface LegacyReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Set when the reply came from the cache, not the system: when the system gave it (epoch ms). */
  cachedAt?: number;
}

/**
 * Reads a reply into what the adapter returns, throwing the typed error a bad or refusing reply
 * means. Run inside the transport's policies, so an HTTP 200 that carries the system's own fault
 * counts against its breaker and is retried like a 503, and only replies that decode are cached.
 */
export type ReplyDecoder<T> = (reply: LegacyReply) => T;

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

/** Per-call state shared by the attempts of one call. */
interface CallRun<T> {
  call: LegacyCall;
  requestId: string | undefined;
  /** Whose share of the system the call draws on; undefined outside any request (workers). */
  principal: string | undefined;
  deadline: number;
  decode: ReplyDecoder<T>;
  signal: AbortSignal;
  attempts: number;
}

type Breaker = CircuitBreakerPolicy;

/**
 * The one way adapters talk to a legacy system. Every call goes through, outermost first:
 * the request scope (deadline, request id, principal), the fresh cache, the rate-limit hold,
 * the principal's fair share of the system (see FairShare), retries with jittered exponential
 * backoff (idempotent calls only, within the system's retry budget, never past the deadline), the
 * system's circuit breaker, the endpoint's circuit breaker, the bulkhead, and one attempt over a
 * keep-alive pool; when the system fails, the stale cache.
 *
 * 2xx and 4xx replies go to the adapter's decoder, because each system has its own habits there;
 * 5xx and 429 are failures of the system whatever it is.
 *
 * What counts against a breaker (is a failure of the system): no answer at all (refused, reset,
 * unreachable) and timeouts, on the system's and the endpoint's breaker; 5xx and faults the system
 * reports in an HTTP 200 ("Read timed out"), on the endpoint's breaker only, since one backend of a
 * system may fail alone. Not counted: business refusals and not-found (the system works),
 * 429 (held separately, see `rateLimit`), and malformed payloads (the system answers; the
 * contract break must stay visible as LEGACY_BAD_RESPONSE rather than hide behind an open circuit).
 */
export class LegacyTransport {
  readonly system: string;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly policies: ResolvedPolicies;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger | undefined;
  private readonly onEvent: TransportEventListener | undefined;
  private readonly cache: ReplyCache | undefined;
  private readonly freshReads: boolean;
  private readonly ownsCache: boolean;
  private readonly budget: RetryBudget;
  private readonly backoff: IBackoffFactory<IRetryBackoffContext<unknown>>;
  private readonly systemBreaker: Breaker;
  private readonly endpointBreakers = new Map<string, Breaker>();
  private readonly bulkhead: BulkheadPolicy;
  private readonly fairShare: FairShare | undefined;
  private readonly rateLimitedUntil = new Map<string, number>();
  /** Failures of our own making (a deadline too near to try): never the system's fault. */
  private readonly ours = new WeakSet<Error>();
  /** Failures with no answer from the system at all: the host is down for every endpoint. */
  private readonly unreachable = new WeakSet<Error>();

  constructor(options: LegacyTransportOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${options.system}: baseUrl must be http(s), got ${url.protocol}`);
    this.policies = resolvePolicies(options);
    this.system = options.system;
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/$/, '');
    this.logger = options.logger;
    this.onEvent = options.onEvent;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Pool(url.origin, { connections: this.policies.connections, keepAliveTimeout: 30_000 });
    this.ownsCache = options.cache === undefined;
    const store = options.cache === undefined ? new MemoryCacheStore({ maxEntries: 2_000, maxChars: 8 * 1024 * 1024 }) : options.cache || undefined;
    this.cache = store ? new ReplyCache(store, this.system) : undefined;
    this.freshReads = options.freshReads ?? true;

    const { retry: r, bulkhead: k } = this.policies;
    this.budget = new RetryBudget({ ratio: r.budgetRatio, minPerSecond: r.budgetMinPerSecond, windowMs: r.budgetWindowMs });
    this.backoff = new ExponentialBackoff({ initialDelay: r.initialDelayMs, maxDelay: r.maxDelayMs });
    this.systemBreaker = this.createBreaker((error) => this.countsAgainstSystem(error));
    this.watch(this.systemBreaker, undefined);
    this.bulkhead = bulkhead(k.maxConcurrent, k.maxQueued);
    const f = this.policies.fairShare;
    this.fairShare = f ? new FairShare(f.maxConcurrentPerPrincipal, f.maxQueuedPerPrincipal) : undefined;
  }

  /**
   * Sends one call through the policies. Without a decoder it answers the reply; with one, what
   * the decoder makes of the reply (live or, when the system fails, cached).
   */
  call(call: LegacyCall): Promise<LegacyReply>;
  call<T>(call: LegacyCall, decode: ReplyDecoder<T>): Promise<T>;
  async call<T>(call: LegacyCall, decode?: ReplyDecoder<T>): Promise<T | LegacyReply> {
    const read: ReplyDecoder<T | LegacyReply> = decode ?? ((reply) => reply);
    const scope = currentRequestScope();
    const started = Date.now();
    const callerDeadline = call.deadline ?? scope?.deadline;
    const deadline = Math.min(started + this.policies.timeoutMs, callerDeadline ?? Number.POSITIVE_INFINITY);
    const cacheKey = call.cache && this.cache ? this.cache.keyFor(call.endpoint, call.cache, scope?.principalKey) : undefined;

    if (cacheKey && call.cache && this.freshReads && (call.cache.freshMs ?? 0) > 0) {
      const fresh = await this.fromCache(cacheKey, call.cache.freshMs ?? 0, read);
      if (fresh) {
        this.emit({ type: 'call', system: this.system, endpoint: call.endpoint, outcome: 'ok', attempts: 0, ms: Date.now() - started, served: 'fresh-cache' });
        return fresh.value;
      }
    }

    const controller = new AbortController();
    const run: CallRun<T | LegacyReply> = {
      call,
      requestId: call.requestId ?? scope?.requestId,
      principal: scope ? (scope.principalKey ?? ANONYMOUS_SHARE) : undefined,
      deadline,
      decode: read,
      signal: controller.signal,
      attempts: 0,
    };
    try {
      const { value, reply } = await this.execute(run, controller, started);
      if (cacheKey && call.cache) this.remember(cacheKey, reply, call.cache);
      this.emit({ type: 'call', system: this.system, endpoint: call.endpoint, outcome: 'ok', attempts: run.attempts, ms: Date.now() - started, served: 'live' });
      return value;
    } catch (error) {
      if (cacheKey && call.cache && error instanceof LegacyError && this.servesStale(error)) {
        const stale = await this.fromCache(cacheKey, call.cache.staleMs, read);
        if (stale) {
          recordStaleRead({ system: this.system, asOf: moscowIso(new Date(stale.cachedAt)) }, scope);
          this.emit({ type: 'stale-served', system: this.system, endpoint: call.endpoint, ageMs: Date.now() - stale.cachedAt });
          this.emit({ type: 'call', system: this.system, endpoint: call.endpoint, outcome: 'ok', attempts: run.attempts, ms: Date.now() - started, served: 'stale-cache' });
          this.logger?.warn({ system: this.system, endpoint: call.endpoint, code: error.code, attempts: run.attempts, ageMs: Date.now() - stale.cachedAt }, 'legacy call failed, served stale');
          return stale.value;
        }
      }
      const code = error instanceof LegacyError ? error.code : 'INTERNAL_SERVER_ERROR';
      this.emit({ type: 'call', system: this.system, endpoint: call.endpoint, outcome: code, attempts: run.attempts, ms: Date.now() - started, served: 'none' });
      this.logger?.warn({ system: this.system, endpoint: call.endpoint, code, attempts: run.attempts, ms: Date.now() - started }, 'legacy call failed');
      throw error;
    }
  }

  /** Parses a JSON body, or fails as a bad response without quoting it. */
  parseJson(reply: LegacyReply, endpoint: string): unknown {
    try {
      return JSON.parse(reply.body) as unknown;
    } catch {
      throw new LegacyBadResponseError(this.system, endpoint, reply.body.length === 0 ? 'empty body' : 'body is not JSON');
    }
  }

  /** The breakers, the bulkhead and the retry budget as they stand. */
  health(): TransportHealth {
    const { maxConcurrent, maxQueued } = this.policies.bulkhead;
    const endpoints: TransportHealth['endpoints'] = [];
    for (const [endpoint, breaker] of this.endpointBreakers) {
      const state = stateOf(breaker);
      if (state !== 'closed') endpoints.push({ endpoint, breaker: state });
    }
    return {
      system: this.system,
      breaker: stateOf(this.systemBreaker),
      inFlight: maxConcurrent - this.bulkhead.executionSlots,
      queued: maxQueued - this.bulkhead.queueSlots,
      endpoints,
      recent: this.budget.snapshot(),
    };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
    if (this.ownsCache) await this.cache?.close();
  }

  /** The call through the rate-limit hold, retries, breakers and bulkhead, ended by its deadline. */
  private async execute<T>(run: CallRun<T>, controller: AbortController, started: number): Promise<{ value: T; reply: LegacyReply }> {
    const { call } = run;
    const heldUntil = this.rateLimitedUntil.get(call.endpoint);
    if (heldUntil !== undefined) {
      const wait = heldUntil - Date.now();
      if (wait > 0) throw new LegacyRateLimitedError(this.system, call.endpoint, Math.ceil(wait / 1000), true);
      this.rateLimitedUntil.delete(call.endpoint);
    }
    if (run.deadline <= started) throw new LegacyTimeoutError(this.system, call.endpoint, 0);

    const once = () => this.throughBreakers(run);
    const idempotent = call.idempotent ?? (call.method === 'GET' || call.method === 'HEAD');
    const attempts = (): Promise<{ value: T; reply: LegacyReply }> => {
      this.budget.recordCall();
      return idempotent && this.policies.retry.maxRetries > 0 ? this.retryPolicy(run).execute(once, controller.signal) : once();
    };
    const work = this.fairShare && run.principal !== undefined ? this.withinShare(this.fairShare, run.principal, attempts, run, controller.signal) : attempts();
    // Whatever happens inside (a queue, a backoff, a probe awaited), the call ends by its deadline.
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LegacyTimeoutError(this.system, call.endpoint, Math.round(run.deadline - started)));
      }, Math.max(0, run.deadline - Date.now()));
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The call within its principal's share: its retries and their waits too, so a caller cannot
   * widen its share by failing. A refusal is the caller's, not the system's: it never reaches a
   * breaker or the retry budget.
   */
  private withinShare<R>(share: FairShare, principal: string, fn: () => Promise<R>, run: CallRun<unknown>, signal: AbortSignal): Promise<R> {
    return share.execute(principal, fn, signal).catch((error: unknown) => {
      if (!(error instanceof FairShareExceeded)) throw error;
      this.emit({ type: 'fair-share-rejected', system: this.system, endpoint: run.call.endpoint });
      throw new LegacyFairShareExceededError(this.system, run.call.endpoint);
    });
  }

  /** Retries for one call: failures of the system only, within the budget, never past the deadline. */
  private retryPolicy(run: CallRun<unknown>) {
    const { endpoint } = run.call;
    const guard = (delayMs: number, context: IRetryBackoffContext<unknown>): void => {
      const failure = 'error' in context.result ? context.result.error : new LegacyUnavailableError(this.system, endpoint);
      if (Date.now() + delayMs + this.policies.retry.minAttemptMs > run.deadline) {
        this.emit({ type: 'retry-denied', system: this.system, endpoint, reason: 'deadline' });
        throw failure;
      }
      if (!this.budget.tryWithdraw()) {
        this.emit({ type: 'retry-denied', system: this.system, endpoint, reason: 'budget' });
        throw failure;
      }
    };
    const policy = retry(
      handleWhen((error) => this.isRetryable(error)),
      { maxAttempts: this.policies.retry.maxRetries, backoff: new GuardedBackoff(this.backoff, guard) },
    );
    policy.onRetry((event) => {
      const code = 'error' in event && event.error instanceof LegacyError ? event.error.code : 'LEGACY_UNAVAILABLE';
      this.emit({ type: 'retry', system: this.system, endpoint, attempt: event.attempt, delayMs: Math.round(event.delay), code });
    });
    return policy;
  }

  private throughBreakers<T>(run: CallRun<T>): Promise<{ value: T; reply: LegacyReply }> {
    const { endpoint } = run.call;
    const inBulkhead = () =>
      this.bulkhead.execute(() => this.attempt(run), run.signal).catch((error: unknown) => {
        if (isBulkheadRejectedError(error)) {
          this.emit({ type: 'bulkhead-rejected', system: this.system, endpoint });
          throw new LegacyOverCapacityError(this.system, endpoint);
        }
        if (isTaskCancelledError(error)) throw this.markOurs(new LegacyTimeoutError(this.system, endpoint, Math.max(0, Math.round(run.deadline - Date.now()))));
        throw error;
      });
    const endpointBreaker = this.endpointBreaker(endpoint);
    const inEndpoint = endpointBreaker ? () => this.through(endpointBreaker, inBulkhead, endpoint) : inBulkhead;
    return this.through(this.systemBreaker, inEndpoint, endpoint);
  }

  private through<R>(breaker: Breaker, fn: () => Promise<R>, endpoint: string): Promise<R> {
    return breaker.execute(fn).catch((error: unknown) => {
      throw isBrokenCircuitError(error) ? new LegacyCircuitOpenError(this.system, endpoint) : error;
    });
  }

  /** One request to the system, its status read, its body decoded. */
  private async attempt<T>(run: CallRun<T>): Promise<{ value: T; reply: LegacyReply }> {
    const { call } = run;
    run.attempts++;
    const started = performance.now();
    const budget = run.deadline - Date.now();
    if (budget <= 0) throw this.markOurs(new LegacyTimeoutError(this.system, call.endpoint, 0));
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    run.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, budget);
    let reply: LegacyReply;
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        method: call.method,
        path: this.prefix + call.path + queryString(call.query),
        headers: run.requestId ? { ...call.headers, 'x-request-id': run.requestId } : call.headers,
        body: call.body,
        signal: controller.signal,
      });
      const body = await response.body.text();
      reply = { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      throw this.classify(error, call.endpoint, controller.signal.aborted, budget);
    } finally {
      clearTimeout(timer);
      run.signal.removeEventListener('abort', abort);
    }
    this.logger?.debug({ system: this.system, endpoint: call.endpoint, status: reply.status, attempt: run.attempts, ms: elapsed(started) }, 'legacy call');
    if (reply.status === 429) throw this.holdAfter429(call.endpoint, reply.headers['retry-after']);
    if (reply.status >= 500 && !call.passStatuses?.includes(reply.status)) throw new LegacyUnavailableError(this.system, call.endpoint, reply.status);
    return { value: run.decode(reply), reply };
  }

  /** Holds further calls to the endpoint for as long as the system asked (bounded), and says so. */
  private holdAfter429(endpoint: string, header: string | string[] | undefined): LegacyRateLimitedError {
    const { defaultRetryAfterSeconds, maxRetryAfterSeconds } = this.policies.rateLimit;
    const asked = retryAfter(header);
    const seconds = Math.min(asked ?? defaultRetryAfterSeconds, maxRetryAfterSeconds);
    this.rateLimitedUntil.set(endpoint, Date.now() + seconds * 1000);
    this.emit({ type: 'rate-limited', system: this.system, endpoint, retryAfterSeconds: seconds });
    return new LegacyRateLimitedError(this.system, endpoint, asked === undefined ? undefined : seconds);
  }

  private classify(error: unknown, endpoint: string, timedOut: boolean, budget: number): LegacyError {
    if (error instanceof LegacyError) return error;
    if (timedOut) {
      const timeout = new LegacyTimeoutError(this.system, endpoint, Math.round(budget));
      // An attempt given almost no time says nothing about the system.
      return budget < this.policies.retry.minAttemptMs ? this.markOurs(timeout) : timeout;
    }
    const code = (error as { code?: string }).code;
    const failure =
      code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
        ? new LegacyTimeoutError(this.system, endpoint, Math.round(budget))
        : new LegacyUnavailableError(this.system, endpoint);
    this.unreachable.add(failure);
    return failure;
  }

  private endpointBreaker(endpoint: string): Breaker | undefined {
    if (!this.policies.breaker.perEndpoint) return undefined;
    let breaker = this.endpointBreakers.get(endpoint);
    if (!breaker) {
      breaker = this.createBreaker((error) => this.countsAgainstEndpoint(error));
      this.watch(breaker, endpoint);
      this.endpointBreakers.set(endpoint, breaker);
    }
    return breaker;
  }

  private createBreaker(counts: (error: Error) => boolean): Breaker {
    const { failureRate, windowMs, minimumCalls, halfOpenAfterMs } = this.policies.breaker;
    return circuitBreaker(handleWhen(counts), {
      halfOpenAfter: halfOpenAfterMs,
      // Opens once at least `minimumCalls` were made over the window and more than `failureRate` failed.
      breaker: new SamplingBreaker({ threshold: failureRate, duration: windowMs, minimumRps: minimumCalls / (windowMs / 1000) }),
    });
  }

  private watch(breaker: Breaker, endpoint: string | undefined): void {
    breaker.onStateChange((state) => {
      const shown = toBreakerState(state);
      this.emit({ type: 'breaker', system: this.system, ...(endpoint ? { endpoint } : {}), state: shown });
      const log = { system: this.system, ...(endpoint ? { endpoint } : {}), breaker: shown };
      if (shown === 'open') this.logger?.warn(log, 'circuit opened');
      else this.logger?.info(log, `circuit ${shown}`);
    });
  }

  /** No answer at all, or no answer in time: the host is failing, whatever the endpoint. */
  private countsAgainstSystem(error: Error): boolean {
    if (this.ours.has(error)) return false;
    return this.unreachable.has(error) || error instanceof LegacyTimeoutError;
  }

  /** Also 5xx and the faults a system reports inside a 200: one backend may fail alone. */
  private countsAgainstEndpoint(error: Error): boolean {
    if (this.ours.has(error) || error instanceof LegacyCircuitOpenError || error instanceof LegacyOverCapacityError) return false;
    return error instanceof LegacyUnavailableError || error instanceof LegacyTimeoutError;
  }

  /** Worth another attempt: the system failed, and not by our own refusal to call it. */
  private isRetryable(error: Error): boolean {
    return this.countsAgainstEndpoint(error);
  }

  /** Failures a cached answer may stand in for: the system is not answering, or not to us now. */
  private servesStale(error: LegacyError): boolean {
    return error instanceof LegacyUnavailableError || error instanceof LegacyTimeoutError || error instanceof LegacyRateLimitedError;
  }

  private async fromCache<T>(key: string, maxAgeMs: number, decode: ReplyDecoder<T>): Promise<{ value: T; cachedAt: number } | undefined> {
    if (!this.cache || !(maxAgeMs > 0)) return undefined;
    const hit = await this.cache.read(key);
    if (!hit || Date.now() - hit.cachedAt > maxAgeMs) return undefined;
    try {
      return { value: decode(hit), cachedAt: hit.cachedAt };
    } catch {
      // An entry that no longer decodes (the adapter changed) is as good as absent.
      return undefined;
    }
  }

  private remember(key: string, reply: LegacyReply, hint: CacheHint): void {
    if (!this.cache || reply.cachedAt !== undefined) return;
    const ttlMs = Math.max(hint.freshMs ?? 0, hint.staleMs);
    if (!(ttlMs > 0)) return;
    this.cache.write(key, reply, Date.now(), ttlMs).catch(() => undefined);
  }

  private markOurs<E extends Error>(error: E): E {
    this.ours.add(error);
    return error;
  }

  private emit(event: TransportEvent): void {
    if (!this.onEvent) return;
    try {
      this.onEvent(event);
    } catch {
      // A metrics listener must never break a call.
    }
  }
}

/** Backoff that refuses a retry the deadline or the budget cannot afford, by rethrowing the failure. */
class GuardedBackoff<C> implements IBackoffFactory<C> {
  constructor(
    private readonly inner: IBackoffFactory<C>,
    private readonly guard: (delayMs: number, context: C) => void,
  ) {}

  next(context: C): IBackoff<C> {
    return guarded(this.inner.next(context), this.guard, context);
  }
}

function guarded<C>(step: IBackoff<C>, guard: (delayMs: number, context: C) => void, context: C): IBackoff<C> {
  guard(step.duration, context);
  return { duration: step.duration, next: (next: C) => guarded(step.next(next), guard, next) };
}

function stateOf(breaker: Breaker): BreakerState {
  return toBreakerState(breaker.state);
}

function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const elapsed = (started: number): number => Math.round((performance.now() - started) * 10) / 10;
