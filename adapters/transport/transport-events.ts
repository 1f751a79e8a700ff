import type { ErrorCode } from '../../platform/errors';

/** A circuit breaker's state as health checks and metrics show it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * What a transport reports for metrics and logs. Labels are the system and the endpoint label
 * (`GET /persons/:id`), never a URL, an id or any other value of the call.
 */
export type TransportEvent =
  /** A call ended: `ok`, or the code it failed with; `served` says where a success came from. */
  | { type: 'call'; system: string; endpoint: string; outcome: 'ok' | ErrorCode; attempts: number; ms: number; served: 'live' | 'fresh-cache' | 'stale-cache' | 'none' }
  /** An idempotent call is about to be retried after `delayMs`. */
  | { type: 'retry'; system: string; endpoint: string; attempt: number; delayMs: number; code: ErrorCode }
  /** A retry was wanted but refused: the system's retry budget was spent, or the deadline too near. */
  | { type: 'retry-denied'; system: string; endpoint: string; reason: 'budget' | 'deadline' }
  /** A breaker changed state; `endpoint` is absent for the system's own breaker. */
  | { type: 'breaker'; system: string; endpoint?: string; state: BreakerState }
  /** The bulkhead was full: the call was refused without being sent. */
  | { type: 'bulkhead-rejected'; system: string; endpoint: string }
  /** The caller's fair share of the system was in use and its queue full: refused unsent. Names no caller. */
  | { type: 'fair-share-rejected'; system: string; endpoint: string }
  /** The system answered 429; calls to the endpoint are held for `retryAfterSeconds`. */
  | { type: 'rate-limited'; system: string; endpoint: string; retryAfterSeconds: number }
  /** The system failed and a cached answer `ageMs` old stood in for it. */
  | { type: 'stale-served'; system: string; endpoint: string; ageMs: number };

/** Receives a transport's events; it must not throw (what it throws is ignored) and should be quick. */
export type TransportEventListener = (event: TransportEvent) => void;
