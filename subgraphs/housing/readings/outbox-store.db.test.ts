import { testDatabases } from '../../../test/support/test-database';
import { SqlOutboxStore } from './outbox-store';
import type { AcceptedSubmission, OutboxStorePort } from './outbox-store-port';
import { MemoryOutboxStore } from './testing/memory-outbox-store';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

/**
 * The store's contract, held by every implementation: the SQL store on the embedded database
 * always and on PostgreSQL when TEST_DATABASE_URL names a server (one database per file, a fresh
 * schema per test); and the in-memory store the unit tests use, so that what they prove holds for
 * the real one.
 */
const databases = testDatabases();
const backends: Array<[string, () => Promise<{ store: OutboxStorePort; dispose(): Promise<void> }>]> = [
  ['memory', async () => ({ store: new MemoryOutboxStore(), dispose: async () => undefined })],
  ...databases.map((backend): [string, () => Promise<{ store: OutboxStorePort; dispose(): Promise<void> }>] => [
    backend.name,
    async () => {
      const db = await backend.fresh();
      const store = await SqlOutboxStore.open(db);
      // Migrating twice is a no-op, as on every restart.
      await SqlOutboxStore.open(db);
      return { store, dispose: () => db.close() };
    },
  ]),
];
afterAll(() => Promise.all(databases.map((backend) => backend.close())));

/** Readings as accepted while housing could not be read (`verified` false), or checked against the meter. */
const submission = (key: string, meterIds: string[], personId = '1002', verified = false): AcceptedSubmission => ({
  personId,
  idempotencyKey: key,
  fingerprint: `f-${key}`,
  payerCode: '0000100200',
  submittedAt: NOW,
  readings: meterIds.map((meterId) => ({ meterId, value: 120, period: '2026-11-30', userPlaceId: '2000010020', serialNumber: `14-${meterId}`, verified })),
});

describe.each(backends)('outbox store on %s', (_name, open) => {
  let store: OutboxStorePort;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dispose } = await open());
  });
  afterEach(async () => {
    await dispose();
  });

  it('keeps one submission per resident and key, and one queued verified reading per meter and period', async () => {
    const lease = { owner: 'request', until: later(60_000) };
    const first = await store.accept(submission('k', ['1', '2']), { lease, retryAt: later(5_000) });
    expect(first).toMatchObject({ accepted: true, queued: [] });
    const again = await store.accept(submission('k', ['9']), { lease, retryAt: later(5_000) });
    expect(again).toEqual({ accepted: false, existing: { fingerprint: 'f-k' } });
    // Another resident's same key is another submission.
    expect((await store.accept(submission('k', ['7'], '2002'), { lease, retryAt: later(5_000) })).accepted).toBe(true);

    const verified = await store.accept(submission('verified', ['2'], '1002', true), { lease, retryAt: later(5_000) });
    expect(verified.accepted && verified.queued.map((r) => r.meterId)).toEqual(['2']);
    await store.accept(submission('other', ['2'], '1002', true), { lease, retryAt: later(5_000) });
    const other = await store.outcome('1002', 'other');
    expect(other?.results[0]).toMatchObject({ meterId: '2', status: 'REJECTED', reason: { code: 'READING_ALREADY_SUBMITTED' } });
    expect(await store.counts()).toEqual({ QUEUED: 4, DELIVERED: 0, REJECTED: 1 });
  });

  it("lets an unverified reading hold no place: the owner's reading is queued beside it, and verifying a second one for the same period is refused, not a crash", async () => {
    const lease = { owner: 'request', until: later(60_000) };
    // Someone names meter 5 while housing cannot be read; the owner's own reading still queues,
    // whether it could be checked against the meter or not.
    await store.accept(submission('stranger', ['5'], '2002'), { lease, retryAt: later(5_000) });
    const owner = await store.accept(submission('owner', ['5'], '1002', true), { lease, retryAt: later(5_000) });
    expect(owner.accepted && owner.queued.map((r) => r.meterId)).toEqual(['5']);
    await store.accept(submission('owner-again', ['5'], '1002'), { lease, retryAt: later(6_000) });
    for (const [person, key] of [
      ['2002', 'stranger'],
      ['1002', 'owner'],
      ['1002', 'owner-again'],
    ] as const) {
      expect((await store.outcome(person, key))?.results[0]).toMatchObject({ meterId: '5', status: 'QUEUED' });
    }

    // The worker takes the unverified ones in turn (the owner's verified one is under the request's lease).
    const stranger = await store.claimDue(later(6_000), 30_000);
    const again = await store.claimDue(later(6_000), 30_000);
    expect([stranger?.personId, again?.personId]).toEqual(['2002', '1002']);
    const found = { userPlaceId: '2000010020', serialNumber: '14-5', period: '2026-11-30' };
    expect(await store.resolve(again!, found)).toBe('TAKEN');
    const [ownerReading] = owner.accepted ? owner.queued : [];
    expect(await store.settle(ownerReading!, 'DELIVERED', null, later(7_000))).toBe(true);
    // Once the place is free, verifying takes it.
    expect(await store.resolve(again!, found)).toMatchObject({ verified: true, period: '2026-11-30' });
  });

  it('hands a due reading to one claimer at a time, fences out a claimer whose lease ran out, and returns released claims without counting them', async () => {
    await store.accept(submission('k', ['1']), { lease: { owner: 'request', until: later(60_000) }, retryAt: later(5_000) });
    expect(await store.claimDue(NOW, 30_000)).toBeUndefined();

    const a = await store.claimDue(later(5_000), 30_000);
    expect(a).toMatchObject({ meterId: '1', attempts: 1 });
    expect(await store.claimDue(later(6_000), 30_000)).toBeUndefined();

    // The first claimer stalls past its lease; a second takes the reading and settles it.
    const b = await store.claimDue(later(40_000), 30_000);
    expect(b).toMatchObject({ id: a!.id, attempts: 2 });
    expect(await store.settle(b!, 'DELIVERED', null, later(41_000))).toBe(true);
    expect(await store.settle(a!, 'REJECTED', { code: 'READING_ALREADY_SUBMITTED', message: 'late' }, later(42_000))).toBe(false);
    expect(await store.reschedule(a!, later(50_000), 'LEGACY_TIMEOUT')).toBe(false);
    expect((await store.outcome('1002', 'k'))?.results[0]).toMatchObject({ status: 'DELIVERED', settledAt: '2026-11-21T12:00:41+03:00' });

    await store.accept(submission('k2', ['3']), { lease: { owner: 'request', until: later(60_000) }, retryAt: later(5_000) });
    const c = await store.claimDue(later(5_000), 30_000);
    await store.release(c!);
    expect(await store.claimDue(later(5_000), 30_000)).toMatchObject({ id: c!.id, attempts: 1 });
  });

  it('never hands one reading to two claimers racing for it', async () => {
    for (let i = 0; i < 6; i += 1) await store.accept(submission(`k${i}`, [`m${i}`]), { lease: { owner: 'request', until: later(60_000) }, retryAt: later(5_000) });
    const claims = await Promise.all(Array.from({ length: 12 }, () => store.claimDue(later(5_000), 30_000)));
    const ids = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});
