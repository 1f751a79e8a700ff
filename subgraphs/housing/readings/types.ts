import type { ErrorCode } from '../../../platform/errors';

/**
 * The meter-reading module as the graph sees it: what a resident submits, and what they are
 * answered then and on every later look. Nothing here knows how submissions are stored.
 */

/** What a resident gives in one `submitMeterReadings` call: one home, at most one reading per meter. */
export interface SubmitReadingsInput {
  payerCode: string;
  readings: ReadonlyArray<GivenReading>;
}

/** One reading as the resident gave it. */
export interface GivenReading {
  meterId: string;
  value: number;
}

/** A submission and the request it comes in. */
export interface SubmissionRequest {
  /** The signed-in resident; only their own homes were let through by the resolver. */
  personId: string;
  idempotencyKey: string;
  input: SubmitReadingsInput;
  /** The instant the request's date rules are judged at (the request reads its clock once). */
  now: Date;
}

/** What a submission did: the answer, and which homes' meters changed in the housing system. */
export interface Submitted {
  outcome: SubmissionOutcome;
  /**
   * The `userPlaceId`s of homes a reading was delivered to during this call: their meters now show
   * a new last reading, so whoever cached them for this request should read them again.
   */
  changedHomes: ReadonlyArray<string>;
}

export type ReadingStatus = 'DELIVERED' | 'QUEUED' | 'REJECTED';

/** Why a reading was not taken: a registered code and a sentence naming the meter, never the person. */
export interface ReadingReason {
  code: ErrorCode;
  message: string;
}

/** One reading of a submission as the graph answers it. */
export interface ReadingResult {
  meterId: string;
  status: ReadingStatus;
  /** The period the reading is for (last day of a month); null when refused before a window applied. */
  period: string | null;
  value: number;
  reason: (ReadingReason & { retryable: boolean }) | null;
  /** Moscow ISO instants. */
  submittedAt: string;
  /** When it became DELIVERED or REJECTED; null while QUEUED. */
  settledAt: string | null;
}

/** The answer to one `submitMeterReadings` call, and what a replay of its key returns. */
export interface SubmissionOutcome {
  idempotencyKey: string;
  payerCode: string;
  submittedAt: string;
  results: ReadingResult[];
}

/** What waits for the housing system, for `/metrics`. */
export interface OutboxBacklog {
  /** Readings QUEUED. */
  queued: number;
  /** How long the oldest QUEUED reading has waited, on the outbox's clock; 0 when none waits. */
  oldestAgeSeconds: number;
}
