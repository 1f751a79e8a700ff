import type { ErrorCode } from '../../platform/errors';

/**
 * Marks every LegacyError, so that one made by another copy of this module (two versions of the
 * package side by side, a test's isolated module registry) is still recognised: `instanceof`
 * compares constructors, which differ between copies, and a registered symbol does not. undici
 * brands its errors the same way.
 */
const LEGACY_ERROR = Symbol.for('resident-graph.legacy-error');

/** Whether `value` is a LegacyError, from this copy of the module or any other. */
export function isLegacyError(value: unknown): value is LegacyError {
  return typeof value === 'object' && value !== null && (value as { [LEGACY_ERROR]?: unknown })[LEGACY_ERROR] === true;
}

/**
 * Errors of a legacy call, one class per failure with a literal `code` from the error registry.
 * Their messages and fields never carry personal data or internal URLs: they reach logs. What the
 * transport caught underneath (undici's ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET) is kept as
 * `cause` for operators, and logged by its class and code only (see `causeOf`): its message may
 * name a host or a path.
 */
export abstract class LegacyError extends Error {
  abstract readonly code: ErrorCode;
  readonly [LEGACY_ERROR] = true;

  /** `instanceof LegacyError` holds across copies of this module; the subclasses compare as usual. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the subclasses inherit this method, and `this` tells them from the base class
    return this === LegacyError ? isLegacyError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(
    /** The system's short name (`emias`). */
    readonly system: string,
    /** The endpoint label (`GET /persons/:id`), never the URL with its query. */
    readonly endpoint: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * What lay under a failure, for a log line: the class and the code of the error the transport
 * caught (`{ name: 'SocketError', code: 'UND_ERR_SOCKET' }`), never its message.
 */
export function causeOf(error: unknown): { name: string; code?: string } | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? { name: cause.name, code } : { name: cause.name };
}

export class LegacyUnavailableError extends LegacyError {
  readonly code = 'LEGACY_UNAVAILABLE' as const;
  /**
   * `detail` replaces the default message, for a system that reports its own fault in the body;
   * `options.cause` keeps what the transport caught (a refused connection, a reset socket).
   */
  constructor(
    system: string,
    endpoint: string,
    readonly status?: number,
    detail?: string,
    options?: ErrorOptions,
  ) {
    super(system, endpoint, detail ?? (status ? `${system} answered HTTP ${status}` : `${system} is unreachable`), options);
  }
}

/**
 * The transport refused the call without sending it because the system's (or the endpoint's)
 * circuit breaker is open after a run of failures: failing fast spares the system and the caller.
 */
export class LegacyCircuitOpenError extends LegacyUnavailableError {
  constructor(system: string, endpoint: string, probing = false) {
    super(system, endpoint, undefined, probing ? `${system} circuit open: a probe is in flight` : `${system} circuit open after repeated failures`);
  }
}

/**
 * The transport refused the call without sending it because as many calls to the system as it may
 * have are already in flight and queued: one slow system must not exhaust sockets or memory.
 */
export class LegacyOverCapacityError extends LegacyUnavailableError {
  constructor(system: string, endpoint: string) {
    super(system, endpoint, undefined, `${system} is over capacity: too many calls in flight`);
  }
}

export class LegacyTimeoutError extends LegacyError {
  readonly code = 'LEGACY_TIMEOUT' as const;
  /**
   * `detail` replaces the default message, for a system that reports a timeout of its own backend;
   * `options.cause` keeps what the transport caught (undici's headers or connect timeout, an abort).
   */
  constructor(
    system: string,
    endpoint: string,
    readonly timeoutMs: number,
    detail?: string,
    options?: ErrorOptions,
  ) {
    super(system, endpoint, detail ?? `${system} did not answer within ${timeoutMs} ms`, options);
  }
}

export class LegacyBadResponseError extends LegacyError {
  readonly code = 'LEGACY_BAD_RESPONSE' as const;
  /** `reason` says what was wrong with the payload's shape, never what it contained. */
  constructor(
    system: string,
    endpoint: string,
    readonly reason: string,
  ) {
    super(system, endpoint, `${system} answered an unexpected payload: ${reason}`);
  }
}

export class LegacyRateLimitedError extends LegacyError {
  readonly code = 'LEGACY_RATE_LIMITED' as const;
  /**
   * `held` when the transport refused the call itself (the system's `Retry-After` not yet over, or
   * the caller's fair share in use) rather than the system answering 429; `detail` replaces the
   * default message, for a refusal of the transport's own.
   */
  constructor(
    system: string,
    endpoint: string,
    readonly retryAfterSeconds: number | undefined,
    readonly held = false,
    detail?: string,
  ) {
    super(system, endpoint, detail ?? (held ? `${system} is rate limiting: waiting out its Retry-After` : `${system} is rate limiting`));
  }
}

/**
 * The transport refused the call without sending it: this caller already has its fair share of
 * the system's concurrency in use and its queue full. Others' calls go on; the caller may retry
 * shortly. Never names the caller: it reaches logs.
 */
export class LegacyFairShareExceededError extends LegacyRateLimitedError {
  constructor(system: string, endpoint: string) {
    super(system, endpoint, 1, true, `too many calls to ${system} at once from this caller; try again shortly`);
  }
}

export class LegacyNotFoundError extends LegacyError {
  readonly code = 'NOT_FOUND' as const;
  constructor(system: string, endpoint: string) {
    super(system, endpoint, `${system} has no such record`);
  }
}

/**
 * The legacy system refused a well-formed request for a business reason (slot taken, reading
 * already given). `code` is the registry code that explains it to the client.
 */
export class LegacyRejectionError extends LegacyError {
  constructor(
    system: string,
    endpoint: string,
    readonly code: ErrorCode,
    /** The reason in the system's words when it is safe to show (it names no person). */
    readonly legacyReason: string,
  ) {
    super(system, endpoint, legacyReason);
  }
}
