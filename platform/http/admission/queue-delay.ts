/**
 * How long work waits in this process before it runs: the event loop's standing delay, measured
 * as CoDel measures a queue. A timer asks to run every `sampleMs`; how late it runs is how long
 * anything queued at that moment waited. A burst makes some samples late; only when *every*
 * sample of an interval is late does a queue stand, which is what the minimum over the interval
 * shows (CoDel's "minimum sojourn time over an interval": 100 ms).
 *
 * Why this and not the latency of requests: a dashboard's latency is mostly the legacy systems'.
 * When EMIAS slows down, requests take longer and more are in flight, yet nothing here queues,
 * and nothing should be refused: only EMIAS's fields are late. When the cores are full, every
 * step of every request waits, and this delay rises in the process whose cores they are.
 */
export interface QueueDelaySource {
  /**
   * The standing delay over the intervals completed since `sinceMs` (the median of their minima,
   * so one long garbage collection does not count as a queue), or over the latest interval when
   * none completed since; milliseconds.
   */
  standingDelayMs(sinceMs: number): number;
  /** The latest interval's standing delay (ms): what a service reports to its callers with each answer. */
  latestMs(): number;
}

export interface EventLoopQueueDelayOptions {
  /** How often the timer asks to run. Default 10 ms. */
  sampleMs?: number;
  /** The interval over which the minimum is taken. Default 100 ms (CoDel's). */
  intervalMs?: number;
  /** Monotonic milliseconds; `performance.now` by default. */
  now?: () => number;
  /** Runs `callback` after `ms`; `setTimeout` (unref'd: it never keeps a process alive) by default. */
  schedule?: (callback: () => void, ms: number) => { cancel(): void };
}

/** Intervals kept: windows of up to a few seconds look back over them. */
const HISTORY = 64;

export class EventLoopQueueDelay implements QueueDelaySource {
  private readonly sampleMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly schedule: NonNullable<EventLoopQueueDelayOptions['schedule']>;
  /** Completed intervals, oldest first: when each ended and its minimum lateness. */
  private readonly intervals: Array<{ endedAt: number; minMs: number }> = [];
  private intervalStarted: number;
  private intervalMin = Infinity;
  private pending: { cancel(): void } | undefined;

  constructor(options: EventLoopQueueDelayOptions = {}) {
    this.sampleMs = options.sampleMs ?? 10;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.schedule =
      options.schedule ??
      ((callback, ms) => {
        const timer = setTimeout(callback, ms);
        timer.unref();
        return { cancel: () => clearTimeout(timer) };
      });
    this.intervalStarted = this.now();
    this.next();
  }

  standingDelayMs(sinceMs: number): number {
    const recent: number[] = [];
    for (let i = this.intervals.length - 1; i >= 0; i--) {
      const interval = this.intervals[i]!;
      if (interval.endedAt <= sinceMs) break;
      recent.push(interval.minMs);
    }
    if (recent.length === 0) return this.latestMs();
    recent.sort((a, b) => a - b);
    return recent[Math.floor(recent.length / 2)]!;
  }

  latestMs(): number {
    return this.intervals[this.intervals.length - 1]?.minMs ?? 0;
  }

  /** Stops sampling (tests; a service's process simply exits). */
  stop(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  private next(): void {
    const due = this.now() + this.sampleMs;
    this.pending = this.schedule(() => {
      const now = this.now();
      this.intervalMin = Math.min(this.intervalMin, Math.max(0, now - due));
      if (now - this.intervalStarted >= this.intervalMs) {
        this.intervals.push({ endedAt: now, minMs: this.intervalMin });
        if (this.intervals.length > HISTORY) this.intervals.shift();
        this.intervalStarted = now;
        this.intervalMin = Infinity;
      }
      this.next();
    }, this.sampleMs);
  }
}

let shared: EventLoopQueueDelay | undefined;

/**
 * The process's one monitor: every service in a process (the embedded system runs five subgraphs
 * and a gateway in one) shares its event loop, so they share the measurement of it.
 */
export function eventLoopQueueDelay(): EventLoopQueueDelay {
  shared ??= new EventLoopQueueDelay();
  return shared;
}
