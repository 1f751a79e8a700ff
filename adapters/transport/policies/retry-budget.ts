/**
 * How many retries a system may receive: a share of the calls made to it recently, plus a small
 * floor so that a quiet system still gets one. Retries beyond it are refused, so that when a
 * system struggles and many calls fail, retries add at most `ratio` to its load instead of
 * multiplying it (the "retry storm"). One budget per system, shared by all its endpoints.
 *
 * Calls and retries are counted in one-second buckets over a sliding window.
 */
export class RetryBudget {
  private readonly buckets: Array<{ second: number; calls: number; retries: number }>;

  constructor(
    private readonly options: {
      /** Retries allowed per call made, over the window (0.2: at most one retry per five calls). */
      ratio: number;
      /** Retries allowed per second of the window whatever the traffic. */
      minPerSecond: number;
      windowMs: number;
      now?: () => number;
    },
  ) {
    const seconds = Math.max(1, Math.ceil(options.windowMs / 1000));
    this.buckets = Array.from({ length: seconds }, () => ({ second: -1, calls: 0, retries: 0 }));
  }

  /** A first attempt was made. */
  recordCall(): void {
    this.bucket().calls++;
  }

  /** Takes one retry from the budget; `false` when it is spent. */
  tryWithdraw(): boolean {
    const { calls, retries } = this.snapshot();
    const allowed = this.options.minPerSecond * this.buckets.length + this.options.ratio * calls;
    if (retries + 1 > allowed) return false;
    this.bucket().retries++;
    return true;
  }

  /** Calls and retries within the window. */
  snapshot(): { calls: number; retries: number } {
    const current = this.second();
    let calls = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      if (current - bucket.second >= this.buckets.length) continue;
      calls += bucket.calls;
      retries += bucket.retries;
    }
    return { calls, retries };
  }

  private second(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000);
  }

  private bucket(): { second: number; calls: number; retries: number } {
    const second = this.second();
    const bucket = this.buckets[second % this.buckets.length]!;
    if (bucket.second !== second) {
      bucket.second = second;
      bucket.calls = 0;
      bucket.retries = 0;
    }
    return bucket;
  }
}
