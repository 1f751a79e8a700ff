import { randomUUID } from 'node:crypto';
import { isErrorCode } from '../../../platform/errors';
import { migrate, type SqlDatabase, type SqlExecutor } from '../../../platform/storage';
import { moscowIso } from '../../../platform/time';
import { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS } from './migrations';
import type { Acceptance, AcceptedSubmission, AcceptSchedule, ClaimedReading, ExistingSubmission, OutboxStorePort, ResolvedPlace } from './outbox-store-port';
import { alreadyWaiting } from './reasons';
import type { ReadingReason, ReadingResult, ReadingStatus, SubmissionOutcome } from './types';

interface ReadingRow {
  id: string;
  person_id: string;
  idempotency_key: string;
  position: number;
  payer_code: string;
  user_place_id: string | null;
  meter_id: string;
  serial_number: string | null;
  period: string | null;
  value: number;
  verified: boolean;
  status: ReadingStatus;
  reason_code: string | null;
  reason_message: string | null;
  attempts: number;
  lease_owner: string | null;
  submitted_at: Date | string;
  settled_at: Date | string | null;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const iso = (value: Date): string => value.toISOString();

/**
 * The outbox on PostgreSQL or the embedded database (see `OutboxStorePort` for what each method
 * promises). The lease is enforced in SQL: every update of a QUEUED row names its lease token, and
 * claims take rows `for update skip locked`, so replicas sharing one PostgreSQL never hold the
 * same reading.
 */
export class SqlOutboxStore implements OutboxStorePort {
  private constructor(private readonly db: SqlDatabase) {}

  /** The store on `db`, its tables brought up to date first (a no-op when they are). */
  static async open(db: SqlDatabase): Promise<SqlOutboxStore> {
    await migrate(db, OUTBOX_COMPONENT, OUTBOX_MIGRATIONS);
    return new SqlOutboxStore(db);
  }

  async findSubmission(personId: string, idempotencyKey: string): Promise<ExistingSubmission | undefined> {
    const found = await this.db.query<{ fingerprint: string }>('select fingerprint from housing_submissions where person_id = $1 and idempotency_key = $2', [personId, idempotencyKey]);
    return found.rows[0];
  }

  /**
   * One transaction: the submission row first, so a concurrent request with the same key finds it
   * taken; then each reading, the partial unique index deciding "one verified QUEUED reading per
   * meter and period".
   */
  async accept(submission: AcceptedSubmission, schedule: AcceptSchedule): Promise<Acceptance> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into housing_submissions (person_id, idempotency_key, fingerprint, payer_code, submitted_at)
         values ($1, $2, $3, $4, $5) on conflict do nothing returning person_id`,
        [submission.personId, submission.idempotencyKey, submission.fingerprint, submission.payerCode, iso(submission.submittedAt)],
      );
      if (inserted.rows.length === 0) {
        const existing = await tx.query<{ fingerprint: string }>('select fingerprint from housing_submissions where person_id = $1 and idempotency_key = $2', [
          submission.personId,
          submission.idempotencyKey,
        ]);
        return { accepted: false as const, existing: existing.rows[0] ?? { fingerprint: '' } };
      }
      const queued: ClaimedReading[] = [];
      for (const [position, reading] of submission.readings.entries()) {
        const id = randomUUID();
        const common = [
          id,
          submission.personId,
          submission.idempotencyKey,
          position,
          submission.payerCode,
          reading.userPlaceId,
          reading.meterId,
          reading.serialNumber,
          reading.period,
          reading.value,
          reading.verified,
          iso(submission.submittedAt),
        ];
        if (reading.rejection) {
          await insertRejected(tx, common, reading.rejection);
          continue;
        }
        const lease = reading.verified ? schedule.lease : undefined;
        const row = await tx.query<ReadingRow>(
          `insert into housing_readings (id, person_id, idempotency_key, position, payer_code, user_place_id, meter_id, serial_number, period, value, verified, submitted_at,
                                         status, attempts, next_attempt_at, lease_owner, lease_until)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'QUEUED', $13, $14, $15, $16)
           on conflict (meter_id, period) where status = 'QUEUED' and verified do nothing
           returning *`,
          [...common, lease ? 1 : 0, iso(lease ? submission.submittedAt : schedule.retryAt), lease?.owner ?? null, lease ? iso(lease.until) : null],
        );
        const created = row.rows[0];
        if (created) {
          if (lease) queued.push(toClaimed(created, lease.owner));
        } else {
          await insertRejected(tx, common, alreadyWaiting(reading.serialNumber ?? reading.meterId));
        }
      }
      return { accepted: true as const, queued };
    });
  }

  async outcome(personId: string, idempotencyKey: string): Promise<SubmissionOutcome | undefined> {
    const head = await this.db.query<{ payer_code: string; submitted_at: Date | string }>(
      'select payer_code, submitted_at from housing_submissions where person_id = $1 and idempotency_key = $2',
      [personId, idempotencyKey],
    );
    const submission = head.rows[0];
    if (!submission) return undefined;
    const rows = await this.db.query<ReadingRow>('select * from housing_readings where person_id = $1 and idempotency_key = $2 order by position', [personId, idempotencyKey]);
    return { idempotencyKey, payerCode: submission.payer_code, submittedAt: moscowIso(asDate(submission.submitted_at)), results: rows.rows.map(toResult) };
  }

  async latestForMeters(personId: string, meterIds: ReadonlyArray<string>, limit: number): Promise<Map<string, ReadingResult[]>> {
    const rows = await this.db.query<ReadingRow>(
      `select * from (
         select r.*, row_number() over (partition by meter_id order by submitted_at desc, seq desc) as n
         from housing_readings r where person_id = $1 and meter_id = any($2::text[])
       ) ranked where n <= $3 order by meter_id, n`,
      [personId, [...meterIds], limit],
    );
    const out = new Map<string, ReadingResult[]>();
    for (const row of rows.rows) out.set(row.meter_id, [...(out.get(row.meter_id) ?? []), toResult(row)]);
    return out;
  }

  /**
   * Takes the next due QUEUED reading under a fresh lease, skipping rows another deliverer holds:
   * `for update skip locked` keeps two claimers on PostgreSQL from waiting on or taking the same
   * row, and the lease keeps the claim after this short transaction ends.
   */
  async claimDue(now: Date, leaseMs: number): Promise<ClaimedReading | undefined> {
    const lease = randomUUID();
    const claimed = await this.db.transaction((tx) =>
      tx.query<ReadingRow>(
        `update housing_readings set lease_owner = $1, lease_until = $2, attempts = attempts + 1
         where id = (
           select id from housing_readings
           where status = 'QUEUED' and next_attempt_at <= $3 and (lease_until is null or lease_until <= $3)
           order by next_attempt_at, seq
           limit 1
           for update skip locked)
         and status = 'QUEUED' and (lease_until is null or lease_until <= $3)
         returning *`,
        [lease, iso(new Date(now.getTime() + leaseMs)), iso(now)],
      ),
    );
    const row = claimed.rows[0];
    return row ? toClaimed(row, lease) : undefined;
  }

  async settle(reading: ClaimedReading, status: 'DELIVERED' | 'REJECTED', reason: ReadingReason | null, now: Date): Promise<boolean> {
    const done = await this.db.query(
      `update housing_readings set status = $3, reason_code = $4, reason_message = $5, settled_at = $6, lease_owner = null, lease_until = null, next_attempt_at = null
       where id = $1 and lease_owner = $2 and status = 'QUEUED' returning id`,
      [reading.id, reading.lease, status, reason?.code ?? null, reason?.message ?? null, iso(now)],
    );
    return done.rows.length === 1;
  }

  async reschedule(reading: ClaimedReading, nextAttemptAt: Date, lastError: string | null): Promise<boolean> {
    const done = await this.db.query(
      `update housing_readings set next_attempt_at = $3, last_error = coalesce($4, last_error), lease_owner = null, lease_until = null
       where id = $1 and lease_owner = $2 and status = 'QUEUED' returning id`,
      [reading.id, reading.lease, iso(nextAttemptAt), lastError],
    );
    return done.rows.length === 1;
  }

  async release(reading: ClaimedReading): Promise<void> {
    await this.db.query(
      `update housing_readings set lease_owner = null, lease_until = null, attempts = greatest(attempts - 1, 0)
       where id = $1 and lease_owner = $2 and status = 'QUEUED'`,
      [reading.id, reading.lease],
    );
  }

  async resolve(reading: ClaimedReading, found: ResolvedPlace): Promise<ClaimedReading | 'TAKEN'> {
    const taken = async (): Promise<boolean> =>
      (await this.db.query(`select 1 from housing_readings where meter_id = $1 and period = $2 and status = 'QUEUED' and verified and id <> $3`, [reading.meterId, found.period, reading.id]))
        .rows.length > 0;
    if (await taken()) return 'TAKEN';
    try {
      await this.db.query(
        `update housing_readings set user_place_id = $3, serial_number = $4, period = $5, verified = true
         where id = $1 and lease_owner = $2 and status = 'QUEUED'`,
        [reading.id, reading.lease, found.userPlaceId, found.serialNumber, found.period],
      );
    } catch (error) {
      // Another deliverer verified a reading of the same meter and period in between.
      if (isUniqueViolation(error) && (await taken())) return 'TAKEN';
      throw error;
    }
    return { ...reading, ...found, verified: true };
  }

  async counts(): Promise<Record<ReadingStatus, number>> {
    const rows = await this.db.query<{ status: ReadingStatus; n: number | string }>('select status, count(*) as n from housing_readings group by status');
    const out: Record<ReadingStatus, number> = { QUEUED: 0, DELIVERED: 0, REJECTED: 0 };
    for (const row of rows.rows) out[row.status] = Number(row.n);
    return out;
  }

  async backlog(): Promise<{ queued: number; oldestSubmittedAt: Date | null }> {
    const { rows } = await this.db.query<{ n: number | string; oldest: Date | string | null }>(
      `select count(*) as n, min(submitted_at) as oldest from housing_readings where status = 'QUEUED'`,
    );
    const row = rows[0];
    return { queued: Number(row?.n ?? 0), oldestSubmittedAt: row?.oldest ? asDate(row.oldest) : null };
  }
}

/** PostgreSQL's unique_violation, from the server or the embedded database alike. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function insertRejected(tx: SqlExecutor, common: unknown[], reason: ReadingReason): Promise<void> {
  await tx.query(
    `insert into housing_readings (id, person_id, idempotency_key, position, payer_code, user_place_id, meter_id, serial_number, period, value, verified, submitted_at,
                                   status, reason_code, reason_message, settled_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'REJECTED', $13, $14, $12)`,
    [...common, reason.code, reason.message],
  );
}

function toClaimed(row: ReadingRow, lease: string): ClaimedReading {
  return {
    id: row.id,
    personId: row.person_id,
    idempotencyKey: row.idempotency_key,
    payerCode: row.payer_code,
    userPlaceId: row.user_place_id,
    meterId: row.meter_id,
    serialNumber: row.serial_number,
    period: row.period,
    value: Number(row.value),
    verified: row.verified,
    attempts: Number(row.attempts),
    submittedAt: asDate(row.submitted_at),
    lease,
  };
}

function toResult(row: ReadingRow): ReadingResult {
  const code = row.reason_code;
  return {
    meterId: row.meter_id,
    status: row.status,
    period: row.period,
    value: Number(row.value),
    reason: row.status === 'REJECTED' && code !== null ? { code: isErrorCode(code) ? code : 'RULE_VIOLATION', message: row.reason_message ?? '', retryable: false } : null,
    submittedAt: moscowIso(asDate(row.submitted_at)),
    settledAt: row.settled_at === null ? null : moscowIso(asDate(row.settled_at)),
  };
}
