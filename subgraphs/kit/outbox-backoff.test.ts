import { OutboxBackoff } from './outbox-backoff';

describe('outbox backoff', () => {
  const policy = { minMs: 5_000, maxMs: 60_000 };

  it('doubles from the minimum up to the maximum, each wait jittered down to no less than half', () => {
    const backoff = new OutboxBackoff(policy);
    for (const [attempts, full] of [
      [1, 5_000],
      [2, 10_000],
      [3, 20_000],
      [4, 40_000],
      [5, 60_000],
      [10, 60_000],
      [100_000, 60_000],
    ] as const) {
      for (let i = 0; i < 50; i += 1) {
        const wait = backoff.delayMs(attempts);
        expect(wait).toBeGreaterThanOrEqual(full / 2);
        expect(wait).toBeLessThanOrEqual(full);
      }
    }
  });

  it('spreads the waits of a backlog instead of bringing it back in one wave', () => {
    const backoff = new OutboxBackoff(policy);
    const waits = new Set(Array.from({ length: 50 }, () => backoff.delayMs(3)));
    expect(waits.size).toBeGreaterThan(10);
  });

  it('waits nothing when the policy says so, however many attempts failed', () => {
    const backoff = new OutboxBackoff({ minMs: 0, maxMs: 0 });
    expect([backoff.delayMs(1), backoff.delayMs(5_000)]).toEqual([0, 0]);
  });
});
