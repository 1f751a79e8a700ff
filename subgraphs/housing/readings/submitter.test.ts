import { GraphQLError } from 'graphql';
import { LegacyUnavailableError } from '../../../adapters/transport';
import { runInRequestScope } from '../../../platform/request-scope';
import { COLD, HOME, HOT, LEASE_MS, later, NOW, readingParts, submission } from './testing/fixture';

const METERS = 'GET /api/efp/counters/listByPayerCode/';
const ADD = 'PUT /api/efp/counters/addIndications/';
const codeOf = (error: unknown): unknown => (error instanceof GraphQLError ? error.extensions.code : error);

/** The submitter over a fake housing system and the in-memory outbox: no database, no sockets. */
describe('reading submitter', () => {
  it("delivers a valid reading at once, in the resident's request scope, and names the home whose meters changed", async () => {
    const { submitter, housing } = readingParts();
    const deadline = Date.now() + 5_000;
    const submitted = await runInRequestScope({ requestId: 'req-1', deadline }, () => submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }])));
    expect(submitted.changedHomes).toEqual([HOME.userPlaceId]);
    expect(submitted.outcome).toEqual({
      idempotencyKey: 'k',
      payerCode: HOME.payerCode,
      submittedAt: '2026-11-21T12:00:00+03:00',
      results: [{ meterId: COLD.id, status: 'DELIVERED', period: '2026-11-30', value: 105, reason: null, submittedAt: '2026-11-21T12:00:00+03:00', settledAt: '2026-11-21T12:00:00+03:00' }],
    });
    expect(housing.stored).toEqual(new Map([[`${COLD.id}|2026-11-30`, 105]]));
    // Nothing passed per call: every housing call saw the request's id and deadline.
    expect(housing.calls.map((c) => c.method)).toEqual(['getHomes', 'getMeters', 'submitReading']);
    for (const call of housing.calls) expect(call).toMatchObject({ requestId: 'req-1', deadline });
  });

  it('answers a replay as the submission stands now, without a second send, and refuses the key for other readings', async () => {
    const { submitter, housing } = readingParts();
    const first = await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    const replay = await submitter.submit(submission('k', [{ meterId: COLD.id, value: 105 }]));
    expect(replay).toEqual({ outcome: first.outcome, changedHomes: [] });
    expect(housing.count('submitReading')).toBe(1);
    const reused = submitter.submit(submission('k', [{ meterId: COLD.id, value: 106 }]));
    await expect(reused.catch(codeOf)).resolves.toBe('IDEMPOTENCY_KEY_REUSED');
    expect(housing.count('submitReading')).toBe(1);
  });

  it('refuses a reading that breaks a rule without sending it, and sends the others', async () => {
    const { submitter, housing } = readingParts();
    const { outcome } = await submitter.submit(
      submission('k', [
        { meterId: COLD.id, value: 99 },
        { meterId: HOT.id, value: 103 },
        { meterId: '77', value: 1 },
      ]),
    );
    expect(outcome.results.map((r) => [r.meterId, r.status, r.reason?.code ?? null])).toEqual([
      [COLD.id, 'REJECTED', 'READING_DECREASING'],
      [HOT.id, 'DELIVERED', null],
      ['77', 'REJECTED', 'METER_NOT_FOUND'],
    ]);
    expect(outcome.results[0]?.reason).toEqual({ code: 'READING_DECREASING', message: expect.stringMatching(/^Meter 14-000011: /), retryable: false });
    expect([...housing.stored.keys()]).toEqual([`${HOT.id}|2026-11-30`]);
  });

  it('holds readings while housing cannot be read: what needs no meter is judged now, nothing is sent, and a held reading reserves nothing', async () => {
    const { submitter, housing, store } = readingParts();
    housing.failReads = new LegacyUnavailableError('housing', METERS);
    // A stranger names the resident's meter while housing cannot be read.
    const stranger = await submitter.submit(submission('s', [{ meterId: COLD.id, value: 1 }], '2002'));
    expect(stranger.outcome.results[0]).toMatchObject({ status: 'QUEUED', period: '2026-11-30', reason: null });
    const negative = await submitter.submit(submission('n', [{ meterId: COLD.id, value: -1 }]));
    expect(negative.outcome.results[0]).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_NEGATIVE' } });
    expect(housing.count('submitReading')).toBe(0);

    // Housing is back: the owner's own reading is taken, whatever the stranger's held one says.
    housing.failReads = undefined;
    const owner = await submitter.submit(submission('o', [{ meterId: COLD.id, value: 105 }]));
    expect(owner.outcome.results[0]).toMatchObject({ status: 'DELIVERED' });
    // The held reading waits for the worker, due after the first wait, unverified.
    expect(await store.claimDue(NOW, LEASE_MS)).toBeUndefined();
    expect(await store.claimDue(later(60_000), LEASE_MS)).toMatchObject({ personId: '2002', meterId: COLD.id, verified: false, userPlaceId: null });
  });

  it('leaves the rest to the worker after the first reading the housing system cannot take', async () => {
    const { submitter, housing, store } = readingParts();
    housing.failSubmit = new LegacyUnavailableError('housing', ADD, 503);
    const submitted = await submitter.submit(
      submission('k', [
        { meterId: COLD.id, value: 105 },
        { meterId: HOT.id, value: 103 },
      ]),
    );
    expect(submitted.outcome.results.map((r) => r.status)).toEqual(['QUEUED', 'QUEUED']);
    expect(submitted.changedHomes).toEqual([]);
    expect(housing.count('submitReading')).toBe(1);
    // Neither is due before the backoff, both after it, verified, for their home and period.
    expect(await store.claimDue(later(1_000), LEASE_MS)).toBeUndefined();
    const due = [await store.claimDue(later(60_000), LEASE_MS), await store.claimDue(later(60_000), LEASE_MS)];
    // Each waits its own jittered time, so either may come first.
    expect(due.map((r) => [r?.meterId, r?.verified, r?.userPlaceId, r?.period]).sort()).toEqual([
      [COLD.id, true, HOME.userPlaceId, '2026-11-30'],
      [HOT.id, true, HOME.userPlaceId, '2026-11-30'],
    ]);
  });

  it('runs concurrent calls with one key one after another: one send, one answer for both', async () => {
    const { submitter, housing } = readingParts();
    const request = submission('k', [{ meterId: COLD.id, value: 105 }]);
    const [a, b] = await Promise.all([submitter.submit(request), submitter.submit(request)]);
    expect(a.outcome).toEqual(b.outcome);
    expect(a.outcome.results[0]?.status).toBe('DELIVERED');
    expect(housing.count('submitReading')).toBe(1);
  });

  it('refuses a payer code the housing system does not list for the resident with NOT_FOUND, keeping nothing', async () => {
    const { submitter, store } = readingParts();
    const foreign = submitter.submit({ ...submission('k', [{ meterId: COLD.id, value: 105 }]), input: { payerCode: '9999999999', readings: [{ meterId: COLD.id, value: 105 }] } });
    await expect(foreign.catch(codeOf)).resolves.toBe('NOT_FOUND');
    expect(await store.findSubmission('1002', 'k')).toBeUndefined();
  });
});
