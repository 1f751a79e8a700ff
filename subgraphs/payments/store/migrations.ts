import type { Migration } from '../../../platform/storage';

/**
 * The payments' tables: `payments` (one row per payment, also the idempotency record and the
 * reconciliation queue) and `payment_confirmations` (the outbox of confirmations to the owning
 * systems). A step once released is never edited; a change is a new step at the end.
 */
export const PAYMENTS_COMPONENT = 'payments';

export const PAYMENTS_MIGRATIONS: ReadonlyArray<Migration> = [
  {
    id: '001_payments',
    sql: `create table payments (
      id text primary key,
      seq bigint generated always as identity,
      payer_id text not null,
      idempotency_key text not null,
      target_kind text not null check (target_kind in ('BILL', 'FINE', 'PARKING_TOP_UP')),
      target_ref text not null,
      amount_kopecks bigint not null check (amount_kopecks > 0),
      status text not null check (status in ('CREATED', 'AWAITING_CARD', 'PAID', 'CONFIRMED', 'DECLINED', 'EXPIRED', 'FAILED')),
      order_id text,
      form_url text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      paid_at timestamptz,
      expires_at timestamptz not null,
      next_check_at timestamptz not null,
      unique (payer_id, idempotency_key))`,
  },
  // One payment in flight per bill, fine or account: a second one, under another key or by another
  // replica at the same instant, finds the place taken. PAID counts: its money is not confirmed yet.
  {
    id: '002_one_in_flight_index',
    sql: `create unique index payments_one_in_flight on payments (target_kind, target_ref) where status in ('CREATED', 'AWAITING_CARD', 'PAID')`,
  },
  { id: '003_unsettled_index', sql: `create index payments_unsettled on payments (next_check_at) where status in ('CREATED', 'AWAITING_CARD')` },
  { id: '004_by_payer_index', sql: 'create index payments_by_payer on payments (payer_id, seq desc)' },
  {
    id: '005_confirmations',
    sql: `create table payment_confirmations (
      payment_id text primary key references payments (id),
      status text not null check (status in ('QUEUED', 'DELIVERED')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      lease_owner text,
      lease_until timestamptz,
      last_error text,
      enqueued_at timestamptz not null,
      delivered_at timestamptz)`,
  },
  { id: '006_confirmations_due_index', sql: `create index payment_confirmations_due on payment_confirmations (next_attempt_at) where status = 'QUEUED'` },
];
