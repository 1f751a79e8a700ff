import { LegacyUnavailableError } from '../../../adapters/transport';
import { runInRequestScope } from '../../../platform/request-scope';
import { COLD, HOT, LEASE_MS, later, PERSON, readingParts, submission, until } from './testing/fixture';
import { OutboxWorker } from './worker';

// The worker's poll loop and the store's leases run on timers this test lets run as they would:
// it waits on what happened (polling with a deadline), never on how long it took.
beforeEach(() => jest.useRealTimers());

const ADD = 'PUT /api/efp/counters/addIndications/';
const settings = { pollIntervalMs: 5, leaseMs: LEASE_MS, concurrency: 2 };

/** The worker over a fake housing system and the in-memory outbox. */
describe('outbox worker', () => {
  const running: OutboxWorker[] = [];
  afterEach(async () => {
    for (const worker of running.splice(0)) await worker.stop();
  });

  it('delivers each due reading in a request scope of its own: request id outbox-<reading id>, a deadline inside the lease', async () => {
    const { submitter, delivery, store, housing, clock, logger } = readingParts();
    housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
    await runInRequestScope({ requestId: 'req-1' }, () => submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }])));
    housing.failSubmit = undefined;
    clock.set(later(120_000));
    // Learn the reading's id without counting an attempt.
    const peek = (await store.claimDue(later(120_000), LEASE_MS))!;
    await store.release(peek);

    const startedAt = Date.now();
    const worker = new OutboxWorker(store, delivery, clock, settings, logger);
    running.push(worker);
    worker.start();
    await until(async () => (await store.counts()).DELIVERED === 1);
    const sends = housing.calls.filter((c) => c.method === 'submitReading');
    // The request's own attempt, then the worker's, each under its own id.
    expect(sends.map((c) => c.requestId)).toEqual(['req-1', `outbox-${peek.id}`]);
    const deadline = sends[1]?.deadline;
    expect(deadline).toBeGreaterThan(startedAt);
    expect(deadline).toBeLessThanOrEqual(Date.now() + LEASE_MS);
  });

  it('delivers each reading once with two workers on one store', async () => {
    const { submitter, delivery, store, housing, clock, logger } = readingParts();
    housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
    for (const [i, meterId] of [COLD.id, HOT.id].entries()) await submitter.submit(submission(`k${i}`, [{ meterId, value: 105 }]));
    for (let i = 0; i < 4; i += 1) await submitter.submit(submission(`other-${i}`, [{ meterId: `9${i}`, value: 1 }], PERSON));
    housing.failSubmit = undefined;
    clock.set(later(120_000));
    for (let i = 0; i < 2; i += 1) {
      const worker = new OutboxWorker(store, delivery, clock, settings, logger);
      running.push(worker);
      worker.start();
    }
    await until(async () => (await store.counts()).QUEUED === 0);
    expect(await store.counts()).toEqual({ QUEUED: 0, DELIVERED: 2, REJECTED: 4 });
    // One send per deliverable reading (plus the first, failed, one each): no reading was held by both.
    expect(housing.count('submitReading')).toBe(2 + 2);
  });

  it('asks an idle store once a poll interval whatever its lanes, and the idle lanes join when a reading is claimed', async () => {
    jest.useFakeTimers();
    const { submitter, delivery, store, housing, clock, logger } = readingParts();
    let claims = 0;
    const counted = new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property === 'claimDue') {
          return (...args: Parameters<typeof store.claimDue>) => {
            claims += 1;
            return store.claimDue(...args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const worker = new OutboxWorker(counted, delivery, clock, { ...settings, pollIntervalMs: 1_000, concurrency: 4 }, logger);
    running.push(worker);
    worker.start();
    await jest.advanceTimersByTimeAsync(0);
    // Each lane looked once as it started; from then on, one look an interval.
    expect(claims).toBe(4);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(claims).toBe(4 + 3);

    const open = await queueTwoReadingsBehindAGate({ submitter, housing, clock });
    await jest.advanceTimersByTimeAsync(1_000);
    // The request's failed attempt, then both readings in flight at once: a waiting lane took the second.
    expect(housing.count('submitReading')).toBe(1 + 2);
    open();
    jest.useRealTimers();
    await until(async () => (await store.counts()).DELIVERED === 2);
  });

  it('on stop finishes the delivery in flight and claims nothing after it', async () => {
    const { submitter, delivery, store, housing, clock, logger } = readingParts();
    const open = await queueTwoReadingsBehindAGate({ submitter, housing, clock });
    const worker = new OutboxWorker(store, delivery, clock, { ...settings, concurrency: 1 }, logger);
    worker.start();
    await until(async () => housing.count('submitReading') === 2);
    const stopped = worker.stop();
    open();
    await stopped;
    expect(await store.counts()).toEqual({ QUEUED: 1, DELIVERED: 1, REJECTED: 0 });
    // What is left is due now, with no lease to wait out.
    expect(await store.claimDue(later(120_000), LEASE_MS)).toMatchObject({ meterId: expect.any(String) });
  });
});

/**
 * Two readings the housing system could not take (the request tried the first), due by the time
 * the clock is moved on; the system then holds every delivery until `open` is called.
 */
async function queueTwoReadingsBehindAGate({ submitter, housing, clock }: Pick<ReturnType<typeof readingParts>, 'submitter' | 'housing' | 'clock'>): Promise<() => void> {
  housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
  await submitter.submit(
    submission('k', [
      { meterId: COLD.id, value: 105 },
      { meterId: HOT.id, value: 103 },
    ]),
  );
  housing.failSubmit = undefined;
  let open: () => void = () => undefined;
  housing.gate = new Promise<void>((resolve) => (open = resolve));
  clock.set(later(120_000));
  return () => open();
}
