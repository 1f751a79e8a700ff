import { randomUUID } from 'node:crypto';
import { moscowIso } from '../../../../platform/time';
import type { Acceptance, AcceptedSubmission, AcceptSchedule, ClaimedReading, ExistingSubmission, OutboxStorePort, ResolvedPlace } from '../outbox-store-port';
import { alreadyWaiting } from '../reasons';
import type { ReadingReason, ReadingResult, ReadingStatus, SubmissionOutcome } from '../types';

/** One reading as the SQL store keeps it in `housing_readings`. */
interface Row {
  id: string;
  seq: number;
  personId: string;
  idempotencyKey: string;
  position: number;
  payerCode: string;
  userPlaceId: string | null;
  meterId: string;
  serialNumber: string | null;
  period: string | null;
  value: number;
  verified: boolean;
  status: ReadingStatus;
  reason: ReadingReason | null;
  attempts: number;
  nextAttemptAt: number | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  submittedAt: number;
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
    for (const [position, reading] of submission.readings.entries()) {
      const row: Row = {
        id: randomUUID(),
        seq: (this.seq += 1),
        personId: submission.personId,
        idempotencyKey: submission.idempotencyKey,
        position,
        payerCode: submission.payerCode,
        userPlaceId: reading.userPlaceId,
        meterId: reading.meterId,
        serialNumber: reading.serialNumber,
        period: reading.period,
        value: reading.value,
        verified: reading.verified,
        status: 'QUEUED',
        reason: null,
        attempts: 0,
        nextAttemptAt: null,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        submittedAt,
        settledAt: null,
      };
      if (reading.rejection) {
        this.rows.push(rejected(row, reading.rejection));
      } else if (reading.verified && this.queuedVerified(reading.meterId, reading.period, row.id)) {
        this.rows.push(rejected(row, alreadyWaiting(reading.serialNumber ?? reading.meterId)));
      } else if (reading.verified) {
        const { owner, until } = schedule.lease;
        const leased: Row = { ...row, attempts: 1, nextAttemptAt: submittedAt, leaseOwner: owner, leaseUntil: until.getTime() };
        this.rows.push(leased);
        queued.push(claimed(leased, owner));
      } else {
        this.rows.push({ ...row, nextAttemptAt: schedule.retryAt.getTime() });
      }
    }
    return { accepted: true, queued };
  }

  async outcome(personId: string, idempotencyKey: string): Promise<SubmissionOutcome | undefined> {
    const submission = this.submissions.get(keyOf(personId, idempotencyKey));
    if (!submission) return undefined;
    const rows = this.rows.filter((r) => r.personId === personId && r.idempotencyKey === idempotencyKey).sort((a, b) => a.position - b.position);
    return { idempotencyKey, payerCode: submission.payerCode, submittedAt: moscowIso(new Date(submission.submittedAt)), results: rows.map(result) };
  }

  async latestForMeters(personId: string, meterIds: ReadonlyArray<string>, limit: number): Promise<Map<string, ReadingResult[]>> {
    const out = new Map<string, ReadingResult[]>();
    for (const meterId of [...new Set(meterIds)].sort()) {
      const rows = this.rows.filter((r) => r.personId === personId && r.meterId === meterId).sort((a, b) => b.submittedAt - a.submittedAt || b.seq - a.seq);
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
    this.replace(due, { leaseOwner: lease, leaseUntil: at + leaseMs, attempts: due.attempts + 1 });
    return claimed(this.row(due.id)!, lease);
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
    if (row) this.replace(row, { leaseOwner: null, leaseUntil: null, attempts: Math.max(row.attempts - 1, 0) });
  }

  async resolve(reading: ClaimedReading, found: ResolvedPlace): Promise<ClaimedReading | 'TAKEN'> {
    if (this.queuedVerified(reading.meterId, found.period, reading.id)) return 'TAKEN';
    const row = this.held(reading);
    if (row) this.replace(row, { userPlaceId: found.userPlaceId, serialNumber: found.serialNumber, period: found.period, verified: true });
    return { ...reading, ...found, verified: true };
  }

  async counts(): Promise<Record<ReadingStatus, number>> {
    const out: Record<ReadingStatus, number> = { QUEUED: 0, DELIVERED: 0, REJECTED: 0 };
    for (const row of this.rows) out[row.status] += 1;
    return out;
  }

  async backlog(): Promise<{ queued: number; oldestSubmittedAt: Date | null }> {
    const queued = this.rows.filter((r) => r.status === 'QUEUED');
    return { queued: queued.length, oldestSubmittedAt: queued.length === 0 ? null : new Date(Math.min(...queued.map((r) => r.submittedAt))) };
  }

  /** Whether a verified reading other than `exceptId` is QUEUED for the meter and period (the SQL store's partial unique index). */
  private queuedVerified(meterId: string, period: string | null, exceptId: string): boolean {
    return period !== null && this.rows.some((r) => r.id !== exceptId && r.status === 'QUEUED' && r.verified && r.meterId === meterId && r.period === period);
  }

  /** The reading while `reading.lease` still holds it and it is QUEUED. */
  private held(reading: ClaimedReading): Row | undefined {
    const row = this.row(reading.id);
    return row && row.leaseOwner === reading.lease && row.status === 'QUEUED' ? row : undefined;
  }

  private row(id: string): Row | undefined {
    return this.rows.find((r) => r.id === id);
  }

  private replace(row: Row, changes: Partial<Row>): void {
    this.rows[this.rows.indexOf(row)] = { ...row, ...changes };
  }
}

const keyOf = (personId: string, idempotencyKey: string): string => `${personId}\u0001${idempotencyKey}`;

function rejected(row: Row, reason: ReadingReason): Row {
  return { ...row, status: 'REJECTED', reason, settledAt: row.submittedAt };
}

function claimed(row: Row, lease: string): ClaimedReading {
  return {
    id: row.id,
    personId: row.personId,
    idempotencyKey: row.idempotencyKey,
    payerCode: row.payerCode,
    userPlaceId: row.userPlaceId,
    meterId: row.meterId,
    serialNumber: row.serialNumber,
    period: row.period,
    value: row.value,
    verified: row.verified,
    attempts: row.attempts,
    submittedAt: new Date(row.submittedAt),
    lease,
  };
}

function result(row: Row): ReadingResult {
  return {
    meterId: row.meterId,
    status: row.status,
    period: row.period,
    value: row.value,
    reason: row.status === 'REJECTED' && row.reason ? { ...row.reason, retryable: false } : null,
    submittedAt: moscowIso(new Date(row.submittedAt)),
    settledAt: row.settledAt === null ? null : moscowIso(new Date(row.settledAt)),
  };
}
