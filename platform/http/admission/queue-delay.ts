import { monitorEventLoopDelay } from 'node:perf_hooks';

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
  /**
   * Runs `callback` after `ms`, for tests that drive the samples themselves: every sample is then
   * a JavaScript timer. By default the samples are Node's own (`monitorEventLoopDelay`, a libuv
   * timer that runs no JavaScript) and JavaScript runs once an interval to read their minimum: an
   * idle service then wakes 10 times a second instead of 100, which took its idle CPU from ~5 to
   * 3–4 ms a second (measured per process of the per-service layout, Node 24).
   */
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
    this.intervalStarted = this.now();
    if (options.schedule) {
      this.schedule = options.schedule;
      this.next();
    } else {
      this.schedule = unrefTimeout;
      this.sampleNatively();
    }
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

  /** Samples with a JavaScript timer each (the injected scheduler's). */
  private next(): void {
    const due = this.now() + this.sampleMs;
    this.pending = this.schedule(() => {
      const now = this.now();
      this.intervalMin = Math.min(this.intervalMin, Math.max(0, now - due));
      if (now - this.intervalStarted >= this.intervalMs) this.closeInterval(now, this.intervalMin);
      this.next();
    }, this.sampleMs);
  }

  /**
   * Samples with Node's event-loop delay histogram and reads its least sample once an interval.
   * A sample there is the time between two runs of its timer, so what exceeds `sampleMs` is how
   * late it ran. An interval with no sample at all had the loop blocked throughout: its lateness
   * is then this reader's own.
   */
  private sampleNatively(): void {
    const histogram = monitorEventLoopDelay({ resolution: this.sampleMs });
    histogram.enable();
    let timer: { cancel(): void };
    const read = (): void => {
      const now = this.now();
      const due = this.intervalStarted + this.intervalMs;
      const minMs = histogram.count > 0 ? histogram.min / 1e6 - this.sampleMs : now - due;
      histogram.reset();
      this.closeInterval(now, Math.max(0, minMs));
      timer = this.schedule(read, this.intervalMs);
      this.pending = { cancel: stop };
    };
    const stop = (): void => {
      timer.cancel();
      histogram.disable();
    };
    timer = this.schedule(read, this.intervalMs);
    this.pending = { cancel: stop };
  }

  private closeInterval(endedAt: number, minMs: number): void {
    this.intervals.push({ endedAt, minMs });
    if (this.intervals.length > HISTORY) this.intervals.shift();
    this.intervalStarted = endedAt;
    this.intervalMin = Infinity;
  }
}

/** `setTimeout`, unref'd: a sampler never keeps a process alive. */
function unrefTimeout(callback: () => void, ms: number): { cancel(): void } {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
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
