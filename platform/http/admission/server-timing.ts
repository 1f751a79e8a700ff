/**
 * A service tells its caller how long work waits in it, on every answer it admits, as a
 * `Server-Timing` metric (`queue;dur=3.2`, milliseconds): the standard header for what a server
 * spent, so no private protocol is needed for it. The gateway reads its subgraphs' and brings its
 * own limit down when one of them queues, before that subgraph has to refuse anything itself.
 */
const METRIC = 'queue';

/** The header value for a standing queueing delay of `delayMs`. */
export function queueDelayServerTiming(delayMs: number): string {
  return `${METRIC};dur=${Math.round(delayMs * 10) / 10}`;
}

const QUEUE_METRIC = /(?:^|,)\s*queue\s*(?:;[^,]*?)?;\s*dur=([0-9]+(?:\.[0-9]+)?)/i;

/** The queueing delay a `Server-Timing` header reports (ms), or `undefined` when it reports none. */
export function queueDelayOf(serverTiming: string | null | undefined): number | undefined {
  if (!serverTiming) return undefined;
  const match = QUEUE_METRIC.exec(serverTiming);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : undefined;
}
