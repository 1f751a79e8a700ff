import { openDatabase, type SqlDatabase } from '../../platform/storage';
import { freshPostgresDatabase } from '../../test/outbox/postgres';
import { retryDelayMs } from './delivery';
import { OutboxStore, type AcceptedSubmission } from './outbox-store';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

/** The embedded database always; PostgreSQL, in a database of its own, when TEST_DATABASE_URL names a server. */
const backends: Array<[string, () => Promise<{ db: SqlDatabase; dispose(): Promise<void> }>]> = [
  ['embedded', async () => ({ db: await openDatabase({}), dispose: async () => undefined })],
];
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  backends.push([
    'postgres',
    async () => {
      const database = await freshPostgresDatabase(adminUrl, 'outbox_store');
      return { db: await openDatabase({ url: database.url }), dispose: database.drop };
    },
  ]);
}
if (process.env.CI && !adminUrl) throw new Error('CI must set TEST_DATABASE_URL so the PostgreSQL path is tested');

const submission = (key: string, meterIds: string[], personId = '1002'): AcceptedSubmission => ({
  personId,
  idempotencyKey: key,
  fingerprint: `f-${key}`,
  payerCode: '0000100200',
  submittedAt: NOW,
  readings: meterIds.map((meterId) => ({ meterId, value: 120, period: '2026-11-30', userPlaceId: '2000010020', serialNumber: `14-${meterId}`, verified: false })),
});

describe.each(backends)('outbox store on %s', (_name, open) => {
  let db: SqlDatabase;
  let dispose: () => Promise<void>;
  let store: OutboxStore;

  beforeEach(async () => {
    ({ db, dispose } = await open());
    store = await OutboxStore.open(db);
    // Migrating twice is a no-op, as on every restart.
    await OutboxStore.open(db);
  });
  afterEach(async () => {
    await db.close();
    await dispose();
  });

  it('keeps one submission per resident and key, and one queued reading per meter and period', async () => {
    const lease = { owner: 'request', until: later(60_000) };
    const first = await store.accept(submission('k', ['1', '2']), { lease, retryAt: later(5_000) });
    expect(first).toMatchObject({ accepted: true, queued: [] });
    const again = await store.accept(submission('k', ['9']), { lease, retryAt: later(5_000) });
    expect(again).toEqual({ accepted: false, existing: { fingerprint: 'f-k' } });
    // Another resident's same key is another submission.
    expect((await store.accept(submission('k', ['7'], '2002'), { lease, retryAt: later(5_000) })).accepted).toBe(true);

    await store.accept(submission('other', ['2']), { lease, retryAt: later(5_000) });
    const other = await store.outcome('1002', 'other');
    expect(other?.results[0]).toMatchObject({ meterId: '2', status: 'REJECTED', reason: { code: 'READING_ALREADY_SUBMITTED' } });
    expect(await store.counts()).toEqual({ QUEUED: 3, DELIVERED: 0, REJECTED: 1 });
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

describe('retry delay', () => {
  it('doubles from the minimum up to the maximum, jittered down to half', () => {
    const policy = { minMs: 5_000, maxMs: 60_000 };
    expect(retryDelayMs(1, policy, () => 1)).toBe(5_000);
    expect(retryDelayMs(1, policy, () => 0)).toBe(2_500);
    expect(retryDelayMs(3, policy, () => 1)).toBe(20_000);
    expect(retryDelayMs(10, policy, () => 1)).toBe(60_000);
  });
});
