import type { OrderedCall } from './recorded-dashboards';

/** When a recorded call went out and when its answer was in, on one clock (ms). */
export interface Span {
  start: number;
  end: number;
}

/**
 * What each call of a batch waited for, read from when the calls went out and came back: the call
 * whose answer was in last before it went out, or -1 when none was (it went out with the batch).
 * Recorded at a legacy latency well above the machine's own delays, calls made together go out
 * within a fraction of it, and a call that waited for another goes out just after that one's
 * answer: so this recovers both the order and the parallelism (including a concurrency cap, whose
 * next call waits for a slot's answer).
 */
export function waitedFor(spans: ReadonlyArray<Span>): number[] {
  return spans.map((call) => {
    let found = -1;
    spans.forEach((other, j) => {
      if (other.end <= call.start && (found < 0 || other.end > spans[found]!.end)) found = j;
    });
    return found;
  });
}

/**
 * Runs the calls as recorded: those that waited for nothing at once, and each other one as soon as
 * the call it waited for has answered. Resolves when every call has; the first failure rejects.
 */
export async function runInRecordedOrder<T extends OrderedCall>(calls: ReadonlyArray<T>, run: (call: T, index: number) => Promise<void>): Promise<void> {
  const waiting = new Map<number, number[]>();
  calls.forEach((call, i) => {
    const list = waiting.get(call.after);
    if (list) list.push(i);
    else waiting.set(call.after, [i]);
  });
  const start = (i: number): Promise<void> => run(calls[i]!, i).then(() => Promise.all((waiting.get(i) ?? []).map(start)).then(() => undefined));
  await Promise.all((waiting.get(-1) ?? []).map(start));
}
