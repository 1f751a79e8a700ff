import type { Migration } from '../../../platform/storage';

/**
 * The outbox's tables: `housing_submissions` (one row per submission, the idempotency record) and
 * `housing_readings` (one row per reading in it, which is also the queue the worker delivers from).
 * Databases in service have applied these steps by id: a step once released is never edited or
 * renumbered (`migrations.test.ts` holds each one's digest); a change is a new step at the end.
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
