import { randomUUID } from 'node:crypto';
import { migrate, type SqlDatabase } from '../../../platform/storage';
import type { ClaimedConfirmation, NewPayment, PaymentRecord, PaymentStatus, TargetKind } from '../types';
import { PAYMENTS_COMPONENT, PAYMENTS_MIGRATIONS } from './migrations';
import type { Creation, PaymentStorePort, Registration } from './payment-store-port';

interface PaymentRow {
  id: string;
  seq: number | string;
  payer_id: string;
  idempotency_key: string;
  target_kind: TargetKind;
  target_ref: string;
  amount_kopecks: number | string;
  status: PaymentStatus;
  order_id: string | null;
  form_url: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  paid_at: Date | string | null;
  expires_at: Date | string;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const iso = (value: Date): string => value.toISOString();

/**
 * Payments on PostgreSQL or the embedded database (see `PaymentStorePort`). The state machine is
 * guarded in SQL: every transition names the status it leaves, and claims take rows
 * `for update skip locked`, so replicas sharing one PostgreSQL never move one payment twice.
 */
export class SqlPaymentStore implements PaymentStorePort {
  private constructor(private readonly db: SqlDatabase) {}

  /** The store on `db`, its tables brought up to date first. */
  static async open(db: SqlDatabase): Promise<SqlPaymentStore> {
    await migrate(db, PAYMENTS_COMPONENT, PAYMENTS_MIGRATIONS);
    return new SqlPaymentStore(db);
  }

  /**
   * One statement decides: the unique (payer, key) and the partial unique index of payments in
   * flight per target both stop the insert; which one did is read afterwards.
   */
  async create(p: NewPayment): Promise<Creation> {
    const inserted = await this.db.query<PaymentRow>(
      `insert into payments (id, payer_id, idempotency_key, target_kind, target_ref, amount_kopecks, status, created_at, updated_at, expires_at, next_check_at)
       values ($1, $2, $3, $4, $5, $6, 'CREATED', $7, $7, $8, $9)
       on conflict do nothing returning *`,
      [p.id, p.payerId, p.idempotencyKey, p.targetKind, p.targetRef, p.amountKopecks, iso(p.createdAt), iso(p.expiresAt), iso(p.nextCheckAt)],
    );
    const row = inserted.rows[0];
    if (row) return { created: true, payment: toRecord(row) };
    const existing = await this.db.query<PaymentRow>('select * from payments where payer_id = $1 and idempotency_key = $2', [p.payerId, p.idempotencyKey]);
    const found = existing.rows[0];
    return found ? { created: false, reason: 'KEY_TAKEN', existing: toRecord(found) } : { created: false, reason: 'TARGET_IN_FLIGHT' };
  }

  async get(id: string): Promise<PaymentRecord | undefined> {
    const found = await this.db.query<PaymentRow>('select * from payments where id = $1', [id]);
    return found.rows[0] ? toRecord(found.rows[0]) : undefined;
  }

  async findByKey(payerId: string, idempotencyKey: string): Promise<PaymentRecord | undefined> {
    const found = await this.db.query<PaymentRow>('select * from payments where payer_id = $1 and idempotency_key = $2', [payerId, idempotencyKey]);
    return found.rows[0] ? toRecord(found.rows[0]) : undefined;
  }

  async listByPayer(payerId: string, limit: number, afterSeq: number | undefined): Promise<Array<PaymentRecord & { seq: number }>> {
    const rows = await this.db.query<PaymentRow>(`select * from payments where payer_id = $1 and ($2::bigint is null or seq < $2::bigint) order by seq desc limit $3`, [
      payerId,
      afterSeq ?? null,
      limit,
    ]);
    return rows.rows.map((row) => ({ ...toRecord(row), seq: Number(row.seq) }));
  }

  async latestForTargets(payerId: string, kind: 'BILL' | 'FINE', refs: ReadonlyArray<string>): Promise<Map<string, PaymentRecord>> {
    const rows = await this.db.query<PaymentRow>(
      `select distinct on (target_ref) * from payments
       where payer_id = $1 and target_kind = $2 and target_ref = any($3::text[])
       order by target_ref, seq desc`,
      [payerId, kind, [...refs]],
    );
    return new Map(rows.rows.map((row) => [row.target_ref, toRecord(row)]));
  }

  async markRegistered(id: string, registration: Registration, now: Date, nextCheckAt: Date): Promise<PaymentRecord | undefined> {
    return this.transition(
      `update payments set status = 'AWAITING_CARD', order_id = $2, form_url = $3, updated_at = $4, next_check_at = $5
       where id = $1 and status = 'CREATED' returning *`,
      [id, registration.orderId, registration.formUrl, iso(now), iso(nextCheckAt)],
    );
  }

  async markPaid(id: string, from: 'CREATED' | 'AWAITING_CARD', paidAt: Date, now: Date): Promise<PaymentRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const moved = await tx.query<PaymentRow>(
        `update payments set status = 'PAID', paid_at = $3, updated_at = $4, form_url = null
         where id = $1 and status = $2 returning *`,
        [id, from, iso(paidAt), iso(now)],
      );
      const row = moved.rows[0];
      if (!row) return undefined;
      await tx.query(`insert into payment_confirmations (payment_id, status, next_attempt_at, enqueued_at) values ($1, 'QUEUED', $2, $2)`, [id, iso(now)]);
      return toRecord(row);
    });
  }

  async markUnpaid(id: string, from: 'CREATED' | 'AWAITING_CARD', status: 'DECLINED' | 'EXPIRED' | 'FAILED', now: Date): Promise<PaymentRecord | undefined> {
    return this.transition(`update payments set status = $3, updated_at = $4, form_url = null where id = $1 and status = $2 returning *`, [id, from, status, iso(now)]);
  }

  async deferCheck(id: string, at: Date): Promise<void> {
    await this.db.query(`update payments set next_check_at = $2 where id = $1 and status in ('CREATED', 'AWAITING_CARD')`, [id, iso(at)]);
  }

  async claimUnsettled(now: Date, leaseMs: number, limit: number): Promise<PaymentRecord[]> {
    const claimed = await this.db.transaction((tx) =>
      tx.query<PaymentRow>(
        `update payments set next_check_at = $2
         where id in (
           select id from payments
           where status in ('CREATED', 'AWAITING_CARD') and next_check_at <= $1
           order by next_check_at, seq
           limit $3
           for update skip locked)
         returning *`,
        [iso(now), iso(new Date(now.getTime() + leaseMs)), limit],
      ),
    );
    return claimed.rows.map(toRecord);
  }

  async claimConfirmation(now: Date, leaseMs: number): Promise<ClaimedConfirmation | undefined> {
    const lease = randomUUID();
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query<{ payment_id: string; attempts: number }>(
        `update payment_confirmations set lease_owner = $1, lease_until = $2, attempts = attempts + 1
         where payment_id = (
           select payment_id from payment_confirmations
           where status = 'QUEUED' and next_attempt_at <= $3 and (lease_until is null or lease_until <= $3)
           order by next_attempt_at
           limit 1
           for update skip locked)
         and status = 'QUEUED' and (lease_until is null or lease_until <= $3)
         returning payment_id, attempts`,
        [lease, iso(new Date(now.getTime() + leaseMs)), iso(now)],
      );
      const row = claimed.rows[0];
      if (!row) return undefined;
      const payment = await tx.query<PaymentRow>('select * from payments where id = $1', [row.payment_id]);
      const found = payment.rows[0];
      if (!found) throw new Error('a queued confirmation names no payment');
      return { payment: toRecord(found), attempts: Number(row.attempts), lease };
    });
  }

  async confirmDelivered(claim: ClaimedConfirmation, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const done = await tx.query(
        `update payment_confirmations set status = 'DELIVERED', delivered_at = $3, lease_owner = null, lease_until = null
         where payment_id = $1 and lease_owner = $2 and status = 'QUEUED' returning payment_id`,
        [claim.payment.id, claim.lease, iso(now)],
      );
      if (done.rows.length === 0) return false;
      await tx.query(`update payments set status = 'CONFIRMED', updated_at = $2 where id = $1 and status = 'PAID'`, [claim.payment.id, iso(now)]);
      return true;
    });
  }

  async rescheduleConfirmation(claim: ClaimedConfirmation, at: Date, lastError: string): Promise<boolean> {
    const done = await this.db.query(
      `update payment_confirmations set next_attempt_at = $3, last_error = $4, lease_owner = null, lease_until = null
       where payment_id = $1 and lease_owner = $2 and status = 'QUEUED' returning payment_id`,
      [claim.payment.id, claim.lease, iso(at), lastError],
    );
    return done.rows.length === 1;
  }

  async releaseConfirmation(claim: ClaimedConfirmation): Promise<void> {
    await this.db.query(
      `update payment_confirmations set lease_owner = null, lease_until = null, attempts = greatest(attempts - 1, 0)
       where payment_id = $1 and lease_owner = $2 and status = 'QUEUED'`,
      [claim.payment.id, claim.lease],
    );
  }

  async pendingConfirmations(): Promise<{ pending: number; oldestPaidAt: Date | null }> {
    const { rows } = await this.db.query<{ n: number | string; oldest: Date | string | null }>(`select count(*) as n, min(paid_at) as oldest from payments where status = 'PAID'`);
    const row = rows[0];
    return { pending: Number(row?.n ?? 0), oldestPaidAt: row?.oldest ? asDate(row.oldest) : null };
  }

  async counts(): Promise<Record<PaymentStatus, number>> {
    const rows = await this.db.query<{ status: PaymentStatus; n: number | string }>('select status, count(*) as n from payments group by status');
    const out: Record<PaymentStatus, number> = { CREATED: 0, AWAITING_CARD: 0, PAID: 0, CONFIRMED: 0, DECLINED: 0, EXPIRED: 0, FAILED: 0 };
    for (const row of rows.rows) out[row.status] = Number(row.n);
    return out;
  }

  private async transition(sql: string, params: unknown[]): Promise<PaymentRecord | undefined> {
    const moved = await this.db.query<PaymentRow>(sql, params);
    return moved.rows[0] ? toRecord(moved.rows[0]) : undefined;
  }
}

function toRecord(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    payerId: row.payer_id,
    idempotencyKey: row.idempotency_key,
    targetKind: row.target_kind,
    targetRef: row.target_ref,
    amountKopecks: Number(row.amount_kopecks),
    status: row.status,
    orderId: row.order_id,
    formUrl: row.form_url,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
    paidAt: row.paid_at === null ? null : asDate(row.paid_at),
    expiresAt: asDate(row.expires_at),
  };
}
