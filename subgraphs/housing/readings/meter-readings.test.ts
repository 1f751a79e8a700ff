import { GraphQLError } from 'graphql';
import { createLogger } from '../../../platform/logging';
import type { SqlDatabase } from '../../../platform/storage';
import { DEFAULT_OUTBOX_SETTINGS, MeterReadings, type OutboxSettings } from '.';
import { FakeHousing } from './testing/fake-housing';
import { COLD, HOME, HOT, PERSON, submission, TestClock, until } from './testing/fixture';
import { MemoryOutboxStore } from './testing/memory-outbox-store';

// The worker's poll loop and the store's leases run on timers this test lets run as they would:
// it waits on what happened (polling with a deadline), never on how long it took.
beforeEach(() => jest.useRealTimers());

const codeOf = (error: unknown): unknown => (error instanceof GraphQLError ? error.extensions.code : error);
const logger = createLogger({ service: 'test', level: 'silent' });
const settings: OutboxSettings = { ...DEFAULT_OUTBOX_SETTINGS, worker: false };

/** The facade the GraphQL layer calls, over a fake housing system and the in-memory outbox. */
describe('MeterReadings', () => {
  const housing = (): FakeHousing => new FakeHousing([{ personId: PERSON, home: HOME, meters: [COLD, HOT] }]);

  it("takes a submission, answers its status and each meter's latest submissions, through the facade alone", async () => {
    const readings = new MeterReadings({ housing: housing(), settings, clock: new TestClock(), logger, store: new MemoryOutboxStore() });
    await readings.start();
    const submitted = await readings.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    expect(submitted.changedHomes).toEqual([HOME.userPlaceId]);
    expect(await readings.outcome(PERSON, 'k')).toEqual(submitted.outcome);
    // Keyed by the resident: another's identical key reads nothing.
    expect(await readings.outcome('2002', 'k')).toBeUndefined();
    const latest = await readings.latestForMeters(PERSON, [COLD.id, HOT.id], 5);
    expect([...latest.keys()]).toEqual([COLD.id]);
    expect(latest.get(COLD.id)?.map((r) => [r.status, r.value])).toEqual([['DELIVERED', 105]]);
    expect(await readings.backlog()).toEqual({ queued: 0, oldestAgeSeconds: 0 });
    await readings.close();
  });

  it('lets a submission in flight finish on close, and takes none after', async () => {
    const fake = housing();
    const readings = new MeterReadings({ housing: fake, settings, clock: new TestClock(), logger, store: new MemoryOutboxStore() });
    let open: () => void = () => undefined;
    fake.gate = new Promise<void>((resolve) => (open = resolve));
    const inFlight = readings.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    await until(async () => fake.count('submitReading') === 1);
    const order: string[] = [];
    const closed = readings.close().then(() => order.push('closed'));
    void inFlight.then(() => order.push('submitted'));
    open();
    await closed;
    expect(order).toEqual(['submitted', 'closed']);
    expect((await inFlight).outcome.results[0]?.status).toBe('DELIVERED');
    await expect(readings.submit(submission('late', [{ meterId: HOT.id, value: 103 }])).catch(codeOf)).resolves.toBe('INTERNAL_SERVER_ERROR');
  });

  it('fails fast with INTERNAL_SERVER_ERROR while its database cannot be opened, and reports no backlog', async () => {
    const broken: SqlDatabase = {
      kind: 'postgres',
      query: () => Promise.reject(new Error('connection refused')),
      transaction: () => Promise.reject(new Error('connection refused')),
      close: async () => undefined,
    };
    const fake = housing();
    const readings = new MeterReadings({ housing: fake, settings, clock: new TestClock(), logger, database: broken });
    await expect(readings.start().catch(codeOf)).resolves.toBe('INTERNAL_SERVER_ERROR');
    await expect(readings.submit(submission('k', [{ meterId: COLD.id, value: 105 }])).catch(codeOf)).resolves.toBe('INTERNAL_SERVER_ERROR');
    await expect(readings.outcome(PERSON, 'k').catch(codeOf)).resolves.toBe('INTERNAL_SERVER_ERROR');
    expect(await readings.backlog()).toBeUndefined();
    // Nothing reached the housing system for a submission that could not be kept.
    expect(fake.calls).toEqual([]);
    await readings.close();
  });
});
