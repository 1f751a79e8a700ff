import { randomUUID } from 'node:crypto';
import { moscowIso } from '../../../../platform/time';
import type { Acceptance, AcceptedSubmission, AcceptSchedule, ClaimedReading, ExistingSubmission, OutboxStorePort, ResolvedPlace } from '../outbox-store-port';
import { alreadyWaiting } from '../reasons';
import type { ReadingReason, ReadingResult, ReadingStatus, SubmissionOutcome } from '../types';

/** One reading as the SQL store keeps it in `housing_readings`: what a claim carries, and the queue's own columns. */
interface Row {
  reading: Omit<ClaimedReading, 'lease'>;
  seq: number;
  position: number;
  status: ReadingStatus;
  reason: ReadingReason | null;
  /** Epoch ms, as are the other instants. */
  nextAttemptAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  settledAt: number | null;
}

interface Submission {
  fingerprint: string;
  payerCode: string;
  submittedAt: number;
}

/**
 * The outbox in a process's memory, for unit tests of the submitter, the delivery and the worker
 * without an embedded database. It keeps the SQL store's promises (`outbox-store.test.ts` runs
 * the same contract against both): one submission per resident and key, one verified QUEUED
 * reading per meter and period, changes only under the lease that holds a reading. JavaScript
 * runs one call at a time, so each method is as atomic as the SQL transaction it stands for.
 * Not for production: nothing survives the process.
 */
export class MemoryOutboxStore implements OutboxStorePort {
  private readonly submissions = new Map<string, Submission>();
  private readonly rows: Row[] = [];
  private seq = 0;

  async findSubmission(personId: string, idempotencyKey: string): Promise<ExistingSubmission | undefined> {
    const found = this.submissions.get(keyOf(personId, idempotencyKey));
    return found && { fingerprint: found.fingerprint };
  }

  async accept(submission: AcceptedSubmission, schedule: AcceptSchedule): Promise<Acceptance> {
    const key = keyOf(submission.personId, submission.idempotencyKey);
    const existing = this.submissions.get(key);
    if (existing) return { accepted: false, existing: { fingerprint: existing.fingerprint } };
    const submittedAt = submission.submittedAt.getTime();
    this.submissions.set(key, { fingerprint: submission.fingerprint, payerCode: submission.payerCode, submittedAt });
    const queued: ClaimedReading[] = [];
    for (const [position, given] of submission.readings.entries()) {
      const { rejection, ...kept } = given;
      const reading = {
        ...kept,
        id: randomUUID(),
        personId: submission.personId,
        idempotencyKey: submission.idempotencyKey,
        payerCode: submission.payerCode,
        attempts: 0,
        submittedAt: submission.submittedAt,
      };
      this.seq += 1;
      const row: Row = { reading, seq: this.seq, position, status: 'QUEUED', reason: null, nextAttemptAt: null, leaseOwner: null, leaseUntil: null, lastError: null, settledAt: null };
      if (rejection) {
        this.rows.push(rejected(row, rejection));
      } else if (reading.verified && this.queuedVerified(reading.meterId, reading.period, reading.id)) {
        this.rows.push(rejected(row, alreadyWaiting(reading.serialNumber ?? reading.meterId)));
      } else if (reading.verified) {
        const { owner, until } = schedule.lease;
        const leased: Row = { ...row, reading: { ...reading, attempts: 1 }, nextAttemptAt: submittedAt, leaseOwner: owner, leaseUntil: until.getTime() };
        this.rows.push(leased);
        queued.push({ ...leased.reading, lease: owner });
      } else {
        this.rows.push({ ...row, nextAttemptAt: schedule.retryAt.getTime() });
      }
    }
    return { accepted: true, queued };
  }

  async outcome(personId: string, idempotencyKey: string): Promise<SubmissionOutcome | undefined> {
    const submission = this.submissions.get(keyOf(personId, idempotencyKey));
    if (!submission) return undefined;
    const rows = this.rows.filter((r) => r.reading.personId === personId && r.reading.idempotencyKey === idempotencyKey).sort((a, b) => a.position - b.position);
    return { idempotencyKey, payerCode: submission.payerCode, submittedAt: moscowIso(new Date(submission.submittedAt)), results: rows.map(result) };
  }

  async latestForMeters(personId: string, meterIds: ReadonlyArray<string>, limit: number): Promise<Map<string, ReadingResult[]>> {
    const out = new Map<string, ReadingResult[]>();
    for (const meterId of [...new Set(meterIds)].sort()) {
      const rows = this.rows
        .filter((r) => r.reading.personId === personId && r.reading.meterId === meterId)
        .sort((a, b) => b.reading.submittedAt.getTime() - a.reading.submittedAt.getTime() || b.seq - a.seq);
      if (rows.length > 0) out.set(meterId, rows.slice(0, limit).map(result));
    }
    return out;
  }

  async claimDue(now: Date, leaseMs: number): Promise<ClaimedReading | undefined> {
    const at = now.getTime();
    const due = this.rows
      .filter((r) => r.status === 'QUEUED' && r.nextAttemptAt !== null && r.nextAttemptAt <= at && (r.leaseUntil === null || r.leaseUntil <= at))
      .sort((a, b) => a.nextAttemptAt! - b.nextAttemptAt! || a.seq - b.seq)[0];
    if (!due) return undefined;
    const lease = randomUUID();
    const reading = { ...due.reading, attempts: due.reading.attempts + 1 };
    this.replace(due, { reading, leaseOwner: lease, leaseUntil: at + leaseMs });
    return { ...reading, lease };
  }

  async settle(reading: ClaimedReading, status: 'DELIVERED' | 'REJECTED', reason: ReadingReason | null, now: Date): Promise<boolean> {
    const row = this.held(reading);
    if (!row) return false;
    this.replace(row, { status, reason, settledAt: now.getTime(), leaseOwner: null, leaseUntil: null, nextAttemptAt: null });
    return true;
  }

  async reschedule(reading: ClaimedReading, nextAttemptAt: Date, lastError: string | null): Promise<boolean> {
    const row = this.held(reading);
    if (!row) return false;
    this.replace(row, { nextAttemptAt: nextAttemptAt.getTime(), lastError: lastError ?? row.lastError, leaseOwner: null, leaseUntil: null });
    return true;
  }

  async release(reading: ClaimedReading): Promise<void> {
    const row = this.held(reading);
    if (row) this.replace(row, { reading: { ...row.reading, attempts: Math.max(row.reading.attempts - 1, 0) }, leaseOwner: null, leaseUntil: null });
  }

  async resolve(reading: ClaimedReading, found: ResolvedPlace): Promise<ClaimedReading | 'TAKEN'> {
    if (this.queuedVerified(reading.meterId, found.period, reading.id)) return 'TAKEN';
    const row = this.held(reading);
    if (row) this.replace(row, { reading: { ...row.reading, ...found, verified: true } });
    return { ...reading, ...found, verified: true };
  }

  async counts(): Promise<Record<ReadingStatus, number>> {
    const out: Record<ReadingStatus, number> = { QUEUED: 0, DELIVERED: 0, REJECTED: 0 };
    for (const row of this.rows) out[row.status] += 1;
    return out;
  }

  async backlog(): Promise<{ queued: number; oldestSubmittedAt: Date | null }> {
    const queued = this.rows.filter((r) => r.status === 'QUEUED');
    return { queued: queued.length, oldestSubmittedAt: queued.length === 0 ? null : new Date(Math.min(...queued.map((r) => r.reading.submittedAt.getTime()))) };
  }

  /** Whether a verified reading other than `exceptId` is QUEUED for the meter and period (the SQL store's partial unique index). */
  private queuedVerified(meterId: string, period: string | null, exceptId: string): boolean {
    return period !== null && this.rows.some(({ reading: r, status }) => r.id !== exceptId && status === 'QUEUED' && r.verified && r.meterId === meterId && r.period === period);
  }

  /** The reading while `reading.lease` still holds it and it is QUEUED. */
  private held(reading: ClaimedReading): Row | undefined {
    const row = this.rows.find((r) => r.reading.id === reading.id);
    return row && row.leaseOwner === reading.lease && row.status === 'QUEUED' ? row : undefined;
  }

  private replace(row: Row, changes: Partial<Row>): void {
    this.rows[this.rows.indexOf(row)] = { ...row, ...changes };
  }
}

const keyOf = (personId: string, idempotencyKey: string): string => `${personId}\u0001${idempotencyKey}`;

function rejected(row: Row, reason: ReadingReason): Row {
  return { ...row, status: 'REJECTED', reason, settledAt: row.reading.submittedAt.getTime() };
}

function result({ reading, status, reason, settledAt }: Row): ReadingResult {
  return {
    meterId: reading.meterId,
    status,
    period: reading.period,
    value: reading.value,
    reason: status === 'REJECTED' && reason ? { ...reason, retryable: false } : null,
    submittedAt: moscowIso(reading.submittedAt),
    settledAt: settledAt === null ? null : moscowIso(new Date(settledAt)),
  };
}
