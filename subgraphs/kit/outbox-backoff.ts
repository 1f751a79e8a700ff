import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';

/** When a delivery the legacy system could not take (a meter reading, a payment's confirmation) is tried again. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles with each further one. */
  minMs: number;
  /** The longest wait, however many attempts have failed: a system down for hours is tried this often. */
  maxMs: number;
}

/**
 * Doublings after which the wait is at its maximum for any policy a service can be given; also
 * keeps `minMs * 2^n` finite for a delivery that has failed thousands of times.
 */
const MAX_DOUBLINGS = 40;

/**
 * The outbox's waits between attempts: cockatiel's exponential backoff (the one the transport's
 * retries use too), from `minMs` doubling up to `maxMs`, each wait jittered down to as little as
 * half so a backlog does not come back in one wave. The number of failed attempts is kept with the
 * delivery in its outbox, not in this object, so any worker in any replica computes the same next wait.
 * The housing readings' outbox and the payments' confirmations both wait this way.
 */
export class OutboxBackoff {
  private readonly backoff: ExponentialBackoff<number>;

  constructor(policy: RetryPolicy) {
    this.backoff = new ExponentialBackoff({ generator: halfJitterGenerator, initialDelay: policy.minMs, maxDelay: policy.maxMs });
  }

  /** The wait before the next attempt after `attempts` attempts have failed (1 or more). */
  delayMs(attempts: number): number {
    let step: IBackoff<unknown> = this.backoff.next();
    for (let failed = 1; failed < Math.min(attempts, MAX_DOUBLINGS); failed += 1) step = step.next(undefined);
    return step.duration;
  }
}
