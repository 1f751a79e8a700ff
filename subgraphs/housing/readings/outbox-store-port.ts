import type { ReadingReason, ReadingResult, ReadingStatus, SubmissionOutcome } from './types';

/**
 * The durable side of meter-reading submissions, as the submitter, the delivery and the worker
 * need it: one record per submission (the idempotency record) and one per reading in it, which is
 * also the outbox a worker delivers from. A reading is QUEUED until the housing system has taken
 * it (DELIVERED) or refused it (REJECTED); readings the graph's own rules refused are written
 * REJECTED at once, so a replay answers them too.
 *
 * Every change to a QUEUED reading goes through its lease: a claim sets a fresh lease token, and
 * `settle`, `reschedule`, `release` and `resolve` only apply while that token still holds the
 * reading, so a deliverer whose lease ran out cannot overwrite what the next one decided.
 *
 * `SqlOutboxStore` is the real one (PostgreSQL or the embedded database); the unit tests use an
 * in-memory one that passes the same contract tests.
 */
export interface OutboxStorePort {
  /** The submission under the resident's key, if any. */
  findSubmission(personId: string, idempotencyKey: string): Promise<ExistingSubmission | undefined>;
  /**
   * Writes the submission and its readings at once, all or nothing. Readings to deliver are
   * written QUEUED: verified ones under `schedule.lease`, so the request can try them before any
   * worker (they are answered in `queued`); unverified ones due to the worker at
   * `schedule.retryAt`. A verified reading for a meter and period that already has a verified one
   * QUEUED is refused as already submitted; an unverified one is never refused for that, nor
   * counted against anyone else's. Answers the existing entry instead when the key was taken
   * meanwhile (a concurrent request elsewhere).
   */
  accept(submission: AcceptedSubmission, schedule: AcceptSchedule): Promise<Acceptance>;
  /** The submission with each reading's status as it is now; undefined when there is none. */
  outcome(personId: string, idempotencyKey: string): Promise<SubmissionOutcome | undefined>;
  /** The person's latest submissions per meter, newest first, at most `limit` per meter. */
  latestForMeters(personId: string, meterIds: ReadonlyArray<string>, limit: number): Promise<Map<string, ReadingResult[]>>;
  /**
   * Takes the next due QUEUED reading under a fresh lease of `leaseMs` from `now`, counting an
   * attempt; never one another claimer holds under a lease that has not run out.
   */
  claimDue(now: Date, leaseMs: number): Promise<ClaimedReading | undefined>;
  /** Records what the housing system did with the reading; false when the lease was lost meanwhile. */
  settle(reading: ClaimedReading, status: 'DELIVERED' | 'REJECTED', reason: ReadingReason | null, now: Date): Promise<boolean>;
  /** Leaves the reading QUEUED for another attempt at `nextAttemptAt`, releasing the lease; false when it was lost. */
  reschedule(reading: ClaimedReading, nextAttemptAt: Date, lastError: string | null): Promise<boolean>;
  /** Hands back a claim that was not tried (shutdown), without counting it as an attempt. */
  release(reading: ClaimedReading): Promise<void>;
  /**
   * Records the home and meter found for a reading accepted while housing could not be read: it is
   * now verified, and takes the meter's place in the queue for the period. `'TAKEN'` when a
   * verified reading of the same meter and period is queued already (the resident gave two while
   * housing could not be read); the caller refuses this one as already submitted.
   */
  resolve(reading: ClaimedReading, found: ResolvedPlace): Promise<ClaimedReading | 'TAKEN'>;
  /** Counts by status, for readiness and tests. */
  counts(): Promise<Record<ReadingStatus, number>>;
  /** Readings waiting for the housing system, and when the oldest of them was submitted. */
  backlog(): Promise<{ queued: number; oldestSubmittedAt: Date | null }>;
}

/** A reading as the submitter decided it at acceptance. */
export interface NewReading {
  meterId: string;
  value: number;
  period: string | null;
  /** Known when the meter list could be read; resolved by the worker otherwise. */
  userPlaceId: string | null;
  serialNumber: string | null;
  /** True when the graph's rules were checked against the meter; false when housing could not be read. */
  verified: boolean;
  /** Set for a reading refused at once; absent for one to deliver. */
  rejection?: ReadingReason;
}

/** A QUEUED reading held under a lease by whoever delivers it now. */
export interface ClaimedReading {
  id: string;
  personId: string;
  idempotencyKey: string;
  payerCode: string;
  userPlaceId: string | null;
  meterId: string;
  serialNumber: string | null;
  period: string | null;
  value: number;
  verified: boolean;
  /** Attempts so far, this one included. */
  attempts: number;
  submittedAt: Date;
  /** The lease token; only its holder may change the reading. */
  lease: string;
}

export interface AcceptedSubmission {
  personId: string;
  idempotencyKey: string;
  /** A digest of what was submitted, so a replay with other readings is told apart. */
  fingerprint: string;
  payerCode: string;
  submittedAt: Date;
  readings: NewReading[];
}

/** How `accept` schedules what it queues. */
export interface AcceptSchedule {
  /** The request's own lease on its verified readings, so it can try them before any worker. */
  lease: { owner: string; until: Date };
  /** When unverified readings become due to the worker. */
  retryAt: Date;
}

export type Acceptance = { accepted: true; queued: ClaimedReading[] } | { accepted: false; existing: ExistingSubmission };

/** What a concurrent or earlier request left under the same key. */
export interface ExistingSubmission {
  fingerprint: string;
}

/** The home and meter a delivery found for an unverified reading, and the period it is for. */
export interface ResolvedPlace {
  userPlaceId: string;
  serialNumber: string;
  period: string;
}
