import { ConfirmationLedger } from './confirmation-ledger';

describe('ConfirmationLedger', () => {
  const now = new Date('2026-11-21T12:00:00+03:00');
  const paidAt = new Date('2026-11-21T11:58:00+03:00');

  it('takes a payment id once: the same payment again is a duplicate, another under its id a conflict', () => {
    const ledger = new ConfirmationLedger();
    expect(ledger.record({ paymentId: 'p1', target: 'uin-a', amountKopecks: 500, paidAt }, now).outcome).toBe('accepted');
    expect(ledger.record({ paymentId: 'p1', target: 'uin-a', amountKopecks: 500, paidAt }, now).outcome).toBe('duplicate');
    expect(ledger.record({ paymentId: 'p1', target: 'uin-a', amountKopecks: 501, paidAt }, now).outcome).toBe('conflict');
    expect(ledger.record({ paymentId: 'p1', target: 'uin-b', amountKopecks: 500, paidAt }, now).outcome).toBe('conflict');
    expect(ledger.record({ paymentId: 'p2', target: 'uin-a', amountKopecks: 250, paidAt }, now).outcome).toBe('accepted');
    expect(ledger.paidFor('uin-a')).toBe(750);
    expect(ledger.paidFor('uin-b')).toBe(0);
    expect(ledger.counts()).toEqual({ accepted: 2, duplicates: 1, conflicts: 2, byTarget: { 'uin-a': 2 }, kopecksByTarget: { 'uin-a': 750 } });
  });

  it('keeps what it was told and when it took it, and answers the first taking to a repeat', () => {
    const ledger = new ConfirmationLedger();
    ledger.record({ paymentId: 'p1', target: 'acc', amountKopecks: 100, paidAt }, now);
    const repeat = ledger.record({ paymentId: 'p1', target: 'acc', amountKopecks: 100, paidAt }, new Date(now.getTime() + 60_000));
    expect(repeat.confirmation).toEqual({ paymentId: 'p1', target: 'acc', amountKopecks: 100, paidAt, receivedAt: now });
    expect(ledger.forTarget('acc')).toHaveLength(1);
  });
});
