import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';

/** When a confirmation the owning system could not take is tried again. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles with each further one. Default 5 s. */
  minMs: number;
  /** The longest wait, however many attempts failed: an owner down for hours is tried this often. Default 5 min. */
  maxMs: number;
}

/** Doublings after which any policy is at its maximum; keeps `minMs * 2^n` finite. */
const MAX_DOUBLINGS = 40;

/**
 * The outbox's waits between attempts: cockatiel's exponential backoff from `minMs` doubling to
 * `maxMs`, each jittered down to as little as half so a backlog does not return in one wave. The
 * attempts are counted in the store, so any worker in any replica computes the same next wait.
 */
export class ConfirmationBackoff {
  private readonly backoff: ExponentialBackoff<number>;

  constructor(policy: RetryPolicy) {
    this.backoff = new ExponentialBackoff({ generator: halfJitterGenerator, initialDelay: policy.minMs, maxDelay: policy.maxMs });
  }

  /** The wait after `attempts` failed attempts (1 or more). */
  delayMs(attempts: number): number {
    let step: IBackoff<unknown> = this.backoff.next();
    for (let failed = 1; failed < Math.min(attempts, MAX_DOUBLINGS); failed += 1) step = step.next(undefined);
    return step.duration;
  }
}
