import { LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from '../../../adapters/transport';
import { COLD, LEASE_MS, later, readingParts, submission } from './testing/fixture';

const METERS = 'GET /api/efp/counters/listByPayerCode/';
const ADD = 'PUT /api/efp/counters/addIndications/';

/** A reading accepted while housing could not be read, then claimed by a deliverer once it can be. */
async function heldReading(value: number, meterId = COLD.id) {
  const parts = readingParts();
  parts.housing.failReads = new LegacyUnavailableError('housing', METERS);
  await parts.submitter.submit(submission('held', [{ meterId, value }]));
  parts.housing.failReads = undefined;
  parts.clock.set(later(60_000));
  const claimed = await parts.store.claimDue(later(60_000), LEASE_MS);
  if (!claimed) throw new Error('the held reading is not due');
  return { ...parts, claimed };
}

/** The delivery over a fake housing system and the in-memory outbox. */
describe('reading delivery', () => {
  it("judges a held reading against its meter before sending: refused by the meter's rules, never sent", async () => {
    const { delivery, store, housing, claimed } = await heldReading(99);
    expect(await delivery.deliver(claimed)).toBe('REJECTED');
    expect((await store.outcome('1002', 'held'))?.results[0]).toMatchObject({
      status: 'REJECTED',
      reason: { code: 'READING_DECREASING', message: expect.stringMatching(/^Meter 14-000011: /) },
    });
    expect(housing.count('submitReading')).toBe(0);
  });

  it('judges a held reading by the day it was given, not the day housing came back', async () => {
    const { submitter, delivery, store, housing, clock } = readingParts();
    housing.failReads = new LegacyUnavailableError('housing', METERS);
    // The last evening of the water window; housing is back two days later, the window closed.
    const given = new Date('2026-12-03T20:00:00+03:00');
    await submitter.submit({ ...submission('late', [{ meterId: COLD.id, value: 105 }]), now: given });
    housing.failReads = undefined;
    const back = new Date('2026-12-05T10:00:00+03:00');
    clock.set(back);
    expect(await delivery.deliver((await store.claimDue(back, LEASE_MS))!)).toBe('DELIVERED');
    expect(housing.stored).toEqual(new Map([[`${COLD.id}|2026-11-30`, 105]]));
  });

  it("refuses a held reading for a meter not in the resident's home as METER_NOT_FOUND, naming only the id given", async () => {
    const { delivery, store, housing, claimed } = await heldReading(5, '424242');
    expect(await delivery.deliver(claimed)).toBe('REJECTED');
    expect((await store.outcome('1002', 'held'))?.results[0]?.reason).toEqual({ code: 'METER_NOT_FOUND', message: 'Meter 424242: no such meter in this home.', retryable: false });
    expect(housing.count('submitReading')).toBe(0);
  });

  it("sends a held reading that keeps the rules, for its meter's home and period, and marks it DELIVERED", async () => {
    const { delivery, store, housing, claimed } = await heldReading(105);
    expect(await delivery.deliver(claimed)).toBe('DELIVERED');
    expect(housing.stored).toEqual(new Map([[`${COLD.id}|2026-11-30`, 105]]));
    expect((await store.outcome('1002', 'held'))?.results[0]).toMatchObject({ status: 'DELIVERED', period: '2026-11-30', settledAt: '2026-11-21T12:01:00+03:00' });
  });

  it('after an answer lost between sending and marking, finds its own value stored and marks the reading DELIVERED, stored once', async () => {
    const { submitter, delivery, store, housing, clock } = readingParts();
    housing.loseAnswer = new LegacyTimeoutError('housing', ADD, 3_000);
    const answer = await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    expect(answer.outcome.results[0]?.status).toBe('QUEUED');
    housing.loseAnswer = undefined;
    clock.set(later(120_000));
    const again = await store.claimDue(later(120_000), LEASE_MS);
    expect(await delivery.deliver(again!)).toBe('DELIVERED');
    expect(housing.count('submitReading')).toBe(2);
    expect([...housing.stored.values()]).toEqual([105]);
  });

  it("rejects with the system's reason when the period holds a value that is not ours", async () => {
    const { submitter, delivery, store, housing, clock } = readingParts();
    housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
    await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    housing.failSubmit = undefined;
    // Meanwhile the resident gave another value at a service centre.
    housing.stored.set(`${COLD.id}|2026-11-30`, 104);
    clock.set(later(120_000));
    expect(await delivery.deliver((await store.claimDue(later(120_000), LEASE_MS))!)).toBe('REJECTED');
    expect((await store.outcome('1002', 'k'))?.results[0]?.reason).toMatchObject({ code: 'READING_ALREADY_SUBMITTED', message: expect.stringMatching(/^Meter 14-000011: /) });
  });

  it('waits at least what the system asks before the next attempt when it throttles', async () => {
    const { submitter, store, housing } = readingParts();
    housing.failSubmit = new LegacyRateLimitedError('housing', ADD, 600);
    await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    // The backoff alone would make it due within a minute; the system asked for ten.
    expect(await store.claimDue(later(9 * 60_000), LEASE_MS)).toBeUndefined();
    expect(await store.claimDue(later(10 * 60_000), LEASE_MS)).toMatchObject({ meterId: COLD.id, attempts: 2 });
  });

  it('leaves the answer of whoever holds the lease: a deliverer whose lease ran out changes nothing', async () => {
    const { submitter, delivery, store, housing, clock } = readingParts();
    housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
    await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    housing.failSubmit = undefined;
    const stalled = (await store.claimDue(later(120_000), 30_000))!;
    clock.set(later(160_000));
    const next = (await store.claimDue(later(160_000), 30_000))!;
    expect(await delivery.deliver(next)).toBe('DELIVERED');
    // The stalled deliverer wakes up: its send is refused as given, and its mark does not stick.
    expect(await delivery.deliver(stalled)).toBe('QUEUED');
    expect((await store.outcome('1002', 'k'))?.results[0]).toMatchObject({ status: 'DELIVERED', settledAt: '2026-11-21T12:02:40+03:00' });
    expect(await store.counts()).toEqual({ QUEUED: 0, DELIVERED: 1, REJECTED: 0 });
  });
});
