import { LegacyCircuitOpenError, type LegacyError, LegacyOverCapacityError, LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from './legacy-errors';

/**
 * What a failure means to the policies that react to failures: the breakers, the retries and
 * stale-if-error. Two facts about a failure are known only where it arose, so they are noted here:
 * that the transport itself gave up (a deadline too near to try: never the system's fault), and
 * that the system gave no answer at all (refused, reset, unreachable: the host is down for every
 * endpoint).
 */
const ours = new WeakSet<Error>();
const unreachable = new WeakSet<Error>();

/** Notes that the transport gave up on its own account; returns the error. */
export function markOurs<E extends Error>(error: E): E {
  ours.add(error);
  return error;
}

/** Notes that the system gave no answer at all; returns the error. */
export function markUnreachable<E extends Error>(error: E): E {
  unreachable.add(error);
  return error;
}

/** Counts against the system's breaker: no answer at all, or none in time, whatever the endpoint. */
export function countsAgainstSystem(error: Error): boolean {
  if (ours.has(error)) return false;
  return unreachable.has(error) || error instanceof LegacyTimeoutError;
}

/**
 * Counts against the endpoint's breaker: also 5xx and the faults a system reports inside a 200,
 * since one backend may fail alone. Not refusals of the transport's own (an open circuit, a full
 * bulkhead), business refusals, 429 or malformed payloads: the system works, or the contract break
 * must stay visible as LEGACY_BAD_RESPONSE rather than hide behind an open circuit.
 */
export function countsAgainstEndpoint(error: Error): boolean {
  if (ours.has(error) || error instanceof LegacyCircuitOpenError || error instanceof LegacyOverCapacityError) return false;
  return error instanceof LegacyUnavailableError || error instanceof LegacyTimeoutError;
}

/** Worth another attempt: the system failed, and not by the transport's own refusal to call it. */
export function isRetryable(error: unknown): error is LegacyError {
  return error instanceof Error && countsAgainstEndpoint(error);
}

/** A cached answer may stand in: the system is not answering, or not to us now. */
export function staleMayStandIn(error: unknown): error is LegacyError {
  return error instanceof LegacyUnavailableError || error instanceof LegacyTimeoutError || error instanceof LegacyRateLimitedError;
}
