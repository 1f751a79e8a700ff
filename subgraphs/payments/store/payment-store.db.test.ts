import { testDatabases } from '../../../test/support/test-database';
import type { NewPayment } from '../types';
import { SqlPaymentStore } from './payment-store';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
let serial = 0;
const payment = (overrides: Partial<NewPayment> = {}): NewPayment => {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    payerId: '1014',
    idempotencyKey: `key-${serial}`,
    targetKind: 'BILL',
    targetRef: `1000010140320260${String(serial).padStart(4, '0')}`,
    amountKopecks: 865_737,
    createdAt: NOW,
    expiresAt: later(1_200_000),
    nextCheckAt: later(60_000),
    ...overrides,
  };
};

/**
 * The payments store on the embedded database (and on PostgreSQL when TEST_DATABASE_URL names one):
 * what the database itself guarantees, since the exactly-once argument rests on it.
 */
describe.each(testDatabases().map((backend) => [backend.name, backend] as const))('SqlPaymentStore on %s', (_name, backend) => {
  let store: SqlPaymentStore;
  beforeEach(async () => {
    const db = await backend.fresh();
    store = await SqlPaymentStore.open(db);
    // Migrating again is a no-op, as on every restart.
    await SqlPaymentStore.open(db);
  });
  afterAll(() => backend.close());

  it('keeps one payment per payer and idempotency key, and answers the one made', async () => {
    const first = payment();
    expect(await store.create(first)).toMatchObject({ created: true });
    const again = await store.create({ ...payment(), idempotencyKey: first.idempotencyKey });
    expect(again).toMatchObject({ created: false, reason: 'KEY_TAKEN', existing: { id: first.id } });
    // Another payer may use the same key.
    expect(await store.create({ ...payment(), payerId: '1005', idempotencyKey: first.idempotencyKey })).toMatchObject({ created: true });
  });

  it('holds one payment in flight per target, PAID included, and frees the target when it ends', async () => {
    const first = payment();
    await store.create(first);
    expect(await store.create(payment({ targetRef: first.targetRef }))).toEqual({ created: false, reason: 'TARGET_IN_FLIGHT' });
    await store.markRegistered(first.id, { orderId: 'order-1', formUrl: 'http://bank/form' }, NOW, later(1));
    await store.markPaid(first.id, 'AWAITING_CARD', NOW, NOW);
    expect(await store.create(payment({ targetRef: first.targetRef }))).toEqual({ created: false, reason: 'TARGET_IN_FLIGHT' });

    const other = payment();
    await store.create(other);
    await store.markUnpaid(other.id, 'CREATED', 'FAILED', NOW);
    expect(await store.create(payment({ targetRef: other.targetRef }))).toMatchObject({ created: true });
  });

  it('moves a payment only from the status it names: a second PAID is refused and queues nothing', async () => {
    const p = payment();
    await store.create(p);
    expect(await store.markPaid(p.id, 'AWAITING_CARD', NOW, NOW)).toBeUndefined();
    await store.markRegistered(p.id, { orderId: 'order-2', formUrl: 'http://bank/form' }, NOW, later(1));
    expect(await store.markPaid(p.id, 'AWAITING_CARD', NOW, NOW)).toMatchObject({ status: 'PAID', formUrl: null });
    expect(await store.markPaid(p.id, 'AWAITING_CARD', NOW, NOW)).toBeUndefined();
    expect(await store.markUnpaid(p.id, 'AWAITING_CARD', 'EXPIRED', NOW)).toBeUndefined();

    const claim = await store.claimConfirmation(NOW, 60_000);
    expect(claim).toMatchObject({ payment: { id: p.id }, attempts: 1 });
    expect(await store.claimConfirmation(NOW, 60_000)).toBeUndefined();
  });

  it('confirms under the lease only, and a confirmation whose lease ran out goes to the next deliverer', async () => {
    const p = payment();
    await store.create(p);
    await store.markRegistered(p.id, { orderId: 'order-3', formUrl: 'http://bank/form' }, NOW, later(1));
    await store.markPaid(p.id, 'AWAITING_CARD', NOW, NOW);
    const first = (await store.claimConfirmation(NOW, 1_000))!;
    const second = (await store.claimConfirmation(later(1_001), 1_000))!;
    expect(second.attempts).toBe(2);
    expect(await store.confirmDelivered(first, later(1_002))).toBe(false);
    expect(await store.confirmDelivered(second, later(1_002))).toBe(true);
    expect(await store.get(p.id)).toMatchObject({ status: 'CONFIRMED' });
    expect(await store.pendingConfirmations()).toEqual({ pending: 0, oldestPaidAt: null });
  });

  it('waits a rescheduled confirmation out, on the given clock', async () => {
    const p = payment();
    await store.create(p);
    await store.markPaid(p.id, 'CREATED', NOW, NOW);
    const claim = (await store.claimConfirmation(NOW, 60_000))!;
    expect(await store.rescheduleConfirmation(claim, later(5_000), 'LegacyUnavailableError')).toBe(true);
    expect(await store.claimConfirmation(later(4_999), 60_000)).toBeUndefined();
    expect(await store.claimConfirmation(later(5_000), 60_000)).toMatchObject({ attempts: 2 });
    expect(await store.pendingConfirmations()).toEqual({ pending: 1, oldestPaidAt: NOW });
  });

  it('gives the reconciliation worker each unsettled payment once per lease, when due', async () => {
    const p = payment();
    await store.create(p);
    expect(await store.claimUnsettled(later(59_999), 10_000, 10)).toEqual([]);
    expect((await store.claimUnsettled(later(60_000), 10_000, 10)).map((x) => x.id)).toEqual([p.id]);
    expect(await store.claimUnsettled(later(60_000), 10_000, 10)).toEqual([]);
    expect((await store.claimUnsettled(later(70_000), 10_000, 10)).map((x) => x.id)).toEqual([p.id]);
  });

  it("lists the payer's payments newest first by page, and the latest per target", async () => {
    const a = payment({ payerId: '2001' });
    const b = payment({ payerId: '2001', targetRef: a.targetRef });
    await store.create(a);
    await store.markUnpaid(a.id, 'CREATED', 'FAILED', NOW);
    await store.create(b);
    const page = await store.listByPayer('2001', 1, undefined);
    expect(page.map((x) => x.id)).toEqual([b.id]);
    expect((await store.listByPayer('2001', 5, page[0]!.seq)).map((x) => x.id)).toEqual([a.id]);
    expect((await store.latestForTargets('2001', 'BILL', [a.targetRef])).get(a.targetRef)?.id).toBe(b.id);
    expect((await store.latestForTargets('9999', 'BILL', [a.targetRef])).size).toBe(0);
  });
});
