import type { CacheHint } from './reply-cache';

/** Query values; `undefined` leaves the parameter out, arrays repeat it. */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;

/**
 * One call an adapter asks of a legacy system. It carries what the call is, never who asks or by
 * when: the request id, the deadline and the caller's principal come from the request scope
 * (`platform/request-scope`), the one channel for them.
 */
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
