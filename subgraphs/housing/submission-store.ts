import type { ErrorCode } from '../../platform/errors';

/** What one reading of a submission came to. */
export interface ReadingResult {
  meterId: string;
  status: 'DELIVERED' | 'QUEUED' | 'REJECTED';
  /** The period the reading was for, once a window applied. */
  period: string | null;
  value: number;
  reason: { code: ErrorCode; message: string; retryable: boolean } | null;
}

/** The answer to one `submitMeterReadings` call: what a replay of its idempotency key returns. */
export interface SubmissionOutcome {
  payerCode: string;
  results: ReadingResult[];
}

export interface StoredSubmission {
  /** The submission's content, so a key reused for different readings is told apart from a replay. */
  fingerprint: string;
  outcome: SubmissionOutcome;
}

/**
 * Where submissions are remembered by idempotency key. This is the one seam the durable outbox
 * replaces: in process now; PostgreSQL later, where `withKey` holds a row lock and `save` writes
 * the outcome (and QUEUED readings) in the same transaction.
 */
export interface SubmissionStore {
  /**
   * Runs `work` for a key with no other work on the same key in flight, handing it what was saved
   * before. Nothing is saved unless `work` calls `save`; a thrown error saves nothing.
   */
  withKey<T>(key: string, work: (existing: StoredSubmission | undefined, save: (entry: StoredSubmission) => Promise<void>) => Promise<T>): Promise<T>;
}

/** One process's memory, for a single replica; entries expire after a day. */
export class InMemorySubmissionStore implements SubmissionStore {
  private readonly entries = new Map<string, { entry: StoredSubmission; expiresAt: number }>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 100_000,
  ) {}

  withKey<T>(key: string, work: (existing: StoredSubmission | undefined, save: (entry: StoredSubmission) => Promise<void>) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => work(this.get(key), async (entry) => this.put(key, entry)));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  private get(key: string): StoredSubmission | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt > Date.now()) return hit.entry;
    this.entries.delete(key);
    return undefined;
  }

  private put(key: string, entry: StoredSubmission): void {
    if (this.entries.size >= this.maxEntries) {
      const now = Date.now();
      for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
      // Still full: forget the oldest (Map keeps insertion order).
      while (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    this.entries.set(key, { entry, expiresAt: Date.now() + this.ttlMs });
  }
}
