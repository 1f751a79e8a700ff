import { randomUUID } from 'node:crypto';
import { isErrorCode, type ErrorCode } from '../../../platform/errors';
import { migrate, type Migration, type SqlDatabase, type SqlExecutor } from '../../../platform/storage';
import { moscowIso } from '../../../platform/time';

/**
 * The durable side of meter-reading submissions: one row per submission (the idempotency record)
 * and one row per reading in it, which is also the outbox a worker delivers from. A reading is
 * QUEUED until the housing system has taken it (DELIVERED) or refused it (REJECTED); readings the
 * graph's own rules refused are written REJECTED at once, so a replay answers them too.
 */
export const OUTBOX_COMPONENT = 'housing_outbox';

/** One statement per step: the shared `migrate` sends each as a single prepared statement. */
export const OUTBOX_MIGRATIONS: ReadonlyArray<Migration> = [
  {
    id: '001_submissions',
    sql: `create table housing_submissions (
      person_id text not null,
      idempotency_key text not null,
      fingerprint text not null,
      payer_code text not null,
      submitted_at timestamptz not null,
      primary key (person_id, idempotency_key))`,
  },
  {
    id: '002_readings',
    sql: `create table housing_readings (
      id text primary key,
      seq bigint generated always as identity,
      person_id text not null,
      idempotency_key text not null,
      position int not null,
      payer_code text not null,
      user_place_id text,
      meter_id text not null,
      serial_number text,
      period text,
      value double precision not null,
      verified boolean not null,
      status text not null check (status in ('QUEUED', 'DELIVERED', 'REJECTED')),
      reason_code text,
      reason_message text,
      attempts int not null default 0,
      next_attempt_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      last_error text,
      submitted_at timestamptz not null,
      settled_at timestamptz,
      unique (person_id, idempotency_key, position),
      foreign key (person_id, idempotency_key) references housing_submissions (person_id, idempotency_key))`,
  },
  { id: '003_due_index', sql: `create index housing_readings_due on housing_readings (next_attempt_at) where status = 'QUEUED'` },
  // The housing system takes one reading per meter per period; so does the queue.
  { id: '004_one_queued_index', sql: `create unique index housing_readings_one_queued on housing_readings (meter_id, period) where status = 'QUEUED'` },
  { id: '005_by_meter_index', sql: 'create index housing_readings_by_meter on housing_readings (person_id, meter_id, submitted_at desc)' },
  // A reading not yet verified as the submitter's own meter holds no place: anyone may name any
  // meter id while housing cannot be read, and must not block the owner by it. It takes its place
  // when the worker has verified it (`resolve`).
  { id: '006_drop_one_queued_index', sql: 'drop index if exists housing_readings_one_queued' },
  { id: '007_one_verified_queued_index', sql: `create unique index housing_readings_one_verified_queued on housing_readings (meter_id, period) where status = 'QUEUED' and verified` },
];

export type ReadingStatus = 'DELIVERED' | 'QUEUED' | 'REJECTED';

/** Why a reading was not taken: a registered code and a sentence naming the meter. */
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
  lease: string;
}

export interface AcceptedSubmission {
  personId: string;
  idempotencyKey: string;
  fingerprint: string;
  payerCode: string;
  submittedAt: Date;
  readings: NewReading[];
}

/** What a concurrent or earlier request left under the same key. */
export interface ExistingSubmission {
  fingerprint: string;
}

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
 * The outbox on PostgreSQL or the embedded database. Every change to a QUEUED reading goes
 * through its lease: `claim*` sets a fresh lease token, and `settle`/`reschedule` only apply
 * while that token still holds the row, so a deliverer whose lease ran out cannot overwrite what
 * the next one decided.
 */
export class OutboxStore {
  constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<OutboxStore> {
    await migrate(db, OUTBOX_COMPONENT, OUTBOX_MIGRATIONS);
    return new OutboxStore(db);
  }

  async findSubmission(personId: string, idempotencyKey: string): Promise<ExistingSubmission | undefined> {
    const found = await this.db.query<{ fingerprint: string }>('select fingerprint from housing_submissions where person_id = $1 and idempotency_key = $2', [personId, idempotencyKey]);
    return found.rows[0];
  }

  /**
   * Writes the submission and its readings in one transaction. Readings to deliver are written
   * QUEUED: verified ones under `lease`, so the request can try them at once before any worker
   * (they are answered in `queued`); unverified ones due to the worker at `retryAt`. A verified
   * reading for a meter and period that already has a verified one QUEUED is refused as already
   * submitted; an unverified one is never refused for that, nor counted against anyone else's.
   * Answers the existing entry instead when the key was taken meanwhile (a concurrent request
   * elsewhere).
   */
  async accept(
    submission: AcceptedSubmission,
    schedule: { lease: { owner: string; until: Date }; retryAt: Date },
  ): Promise<{ accepted: true; queued: ClaimedReading[] } | { accepted: false; existing: ExistingSubmission }> {
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
        const common = [id, submission.personId, submission.idempotencyKey, position, submission.payerCode, reading.userPlaceId, reading.meterId, reading.serialNumber, reading.period, reading.value, reading.verified, iso(submission.submittedAt)];
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
          const label = reading.serialNumber ?? reading.meterId;
          await insertRejected(tx, common, { code: 'READING_ALREADY_SUBMITTED', message: `Meter ${label}: a reading for this period is already waiting to be delivered.` });
        }
      }
      return { accepted: true as const, queued };
    });
  }

  /** The submission with each reading's status as it is now; undefined when there is none. */
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

  /** The person's latest submissions per meter, newest first, at most `limit` per meter. */
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

  /** Records what the housing system did with the reading; false when the lease was lost meanwhile. */
  async settle(reading: ClaimedReading, status: 'DELIVERED' | 'REJECTED', reason: ReadingReason | null, now: Date): Promise<boolean> {
    const done = await this.db.query(
      `update housing_readings set status = $3, reason_code = $4, reason_message = $5, settled_at = $6, lease_owner = null, lease_until = null, next_attempt_at = null
       where id = $1 and lease_owner = $2 and status = 'QUEUED' returning id`,
      [reading.id, reading.lease, status, reason?.code ?? null, reason?.message ?? null, iso(now)],
    );
    return done.rows.length === 1;
  }

  /** Leaves the reading QUEUED for another attempt at `nextAttemptAt`, releasing the lease. */
  async reschedule(reading: ClaimedReading, nextAttemptAt: Date, lastError: string | null): Promise<boolean> {
    const done = await this.db.query(
      `update housing_readings set next_attempt_at = $3, last_error = coalesce($4, last_error), lease_owner = null, lease_until = null
       where id = $1 and lease_owner = $2 and status = 'QUEUED' returning id`,
      [reading.id, reading.lease, iso(nextAttemptAt), lastError],
    );
    return done.rows.length === 1;
  }

  /** Hands back a claim that was not tried (shutdown), without counting it as an attempt. */
  async release(reading: ClaimedReading): Promise<void> {
    await this.db.query(
      `update housing_readings set lease_owner = null, lease_until = null, attempts = greatest(attempts - 1, 0)
       where id = $1 and lease_owner = $2 and status = 'QUEUED'`,
      [reading.id, reading.lease],
    );
  }

  /**
   * Records the home and meter found for a reading accepted while housing could not be read: it is
   * now verified, and takes the meter's place in the queue for the period. `'TAKEN'` when a
   * verified reading of the same meter and period is queued already (the resident gave two while
   * housing could not be read); the caller refuses this one as already submitted.
   */
  async resolve(reading: ClaimedReading, found: { userPlaceId: string; serialNumber: string; period: string }): Promise<ClaimedReading | 'TAKEN'> {
    const taken = async (): Promise<boolean> =>
      (
        await this.db.query(`select 1 from housing_readings where meter_id = $1 and period = $2 and status = 'QUEUED' and verified and id <> $3`, [
          reading.meterId,
          found.period,
          reading.id,
        ])
      ).rows.length > 0;
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

  /** Counts by status, for readiness and tests. */
  async counts(): Promise<Record<ReadingStatus, number>> {
    const rows = await this.db.query<{ status: ReadingStatus; n: number | string }>('select status, count(*) as n from housing_readings group by status');
    const out: Record<ReadingStatus, number> = { QUEUED: 0, DELIVERED: 0, REJECTED: 0 };
    for (const row of rows.rows) out[row.status] = Number(row.n);
    return out;
  }

  /** Readings waiting for the housing system, and when the oldest of them was submitted. */
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
