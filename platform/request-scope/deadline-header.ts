/**
 * The whole-request deadline as it travels between our own services: the gateway sends it to each
 * subgraph, so a subgraph stops its legacy calls when the gateway is about to give up anyway.
 * The value is an absolute instant in epoch milliseconds (`x-request-deadline: 1795251600000`);
 * an absolute instant survives queueing and retries, where a remaining duration would not. The
 * hosts' clocks are assumed synchronised (NTP) to well within the margin below.
 */
export const DEADLINE_HEADER = 'x-request-deadline';

/** A deadline further ahead than this is not believed: no request of ours takes a minute. */
const DEFAULT_MAX_AHEAD_MS = 60_000;

/** What a hop keeps for itself by default to send its answer back before the caller's deadline. */
export const DEFAULT_HOP_MARGIN_MS = 50;

/**
 * Reads the header. Absent or not an integer instant: `undefined` (the hop applies its own budget).
 * In the past: returned as is, the request is already late and its legacy calls will be refused.
 * Too far ahead: capped at `now + maxAheadMs`.
 */
export function parseDeadlineHeader(value: string | ReadonlyArray<string> | undefined, options: { now?: number; maxAheadMs?: number } = {}): number | undefined {
  const text = Array.isArray(value) ? value[0] : (value as string | undefined);
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return undefined;
  const deadline = Number(text.trim());
  if (!Number.isSafeInteger(deadline)) return undefined;
  const now = options.now ?? Date.now();
  return Math.min(deadline, now + (options.maxAheadMs ?? DEFAULT_MAX_AHEAD_MS));
}

/** The header's value for a deadline. */
export function formatDeadlineHeader(deadline: number): string {
  return String(Math.floor(deadline));
}

/**
 * The deadline a hop works to: its own budget from now, or the deadline it was handed less a
 * margin for the way back, whichever is earlier. So each hop's timeout is shorter than the one
 * above it, whatever the budgets are configured to.
 */
export function hopDeadline(options: { received?: number; budgetMs: number; marginMs?: number; now?: number }): number {
  const now = options.now ?? Date.now();
  const own = now + options.budgetMs;
  if (options.received === undefined) return own;
  return Math.min(own, options.received - (options.marginMs ?? DEFAULT_HOP_MARGIN_MS));
}
