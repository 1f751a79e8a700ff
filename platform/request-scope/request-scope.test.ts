import {
  absorbStaleExtension,
  currentRequestScope,
  DEADLINE_HEADER,
  formatDeadlineHeader,
  hopDeadline,
  parseDeadlineHeader,
  recordStaleRead,
  runInRequestScope,
  updateRequestScope,
} from './index';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('request scope', () => {
  // What is tested is how the scope follows Node's own timers and immediates; fake ones would run
  // their callbacks outside any request's context.
  beforeEach(() => jest.useRealTimers());

  it('is seen by every async continuation of its request and by no other request', async () => {
    expect(currentRequestScope()).toBeUndefined();
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        runInRequestScope({ requestId: id }, async () => {
          await tick();
          const later = await new Promise<string | undefined>((resolve) => setTimeout(() => resolve(currentRequestScope()?.requestId), 5));
          return [currentRequestScope()?.requestId, later];
        }),
      ),
    );
    expect(seen).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    expect(currentRequestScope()).toBeUndefined();
  });

  it("takes the context's values, but a deadline only ever moves earlier", () => {
    runInRequestScope({ deadline: 1_000 }, (scope) => {
      updateRequestScope(scope, { requestId: 'r', principalKey: 'resident:1', deadline: 2_000 });
      expect(scope).toMatchObject({ requestId: 'r', principalKey: 'resident:1', deadline: 1_000 });
      updateRequestScope(scope, { deadline: 500 });
      expect(scope.deadline).toBe(500);
    });
  });

  it('keeps one stale mark per system, the oldest', () => {
    runInRequestScope({}, (scope) => {
      recordStaleRead({ system: 'emias', asOf: '2026-11-21T12:00:00+03:00' });
      recordStaleRead({ system: 'emias', asOf: '2026-11-21T11:00:00+03:00' });
      recordStaleRead({ system: 'emias', asOf: '2026-11-21T11:30:00+03:00' });
      recordStaleRead({ system: 'mesh', asOf: '2026-11-21T11:59:00+03:00' });
      expect(scope.staleReads).toEqual([
        { system: 'emias', asOf: '2026-11-21T11:00:00+03:00' },
        { system: 'mesh', asOf: '2026-11-21T11:59:00+03:00' },
      ]);
    });
    // Outside a request nothing is recorded and nothing fails.
    expect(() => recordStaleRead({ system: 'emias', asOf: '2026-11-21T11:00:00+03:00' })).not.toThrow();
  });

  it("absorbs a subgraph's stale extension, ignoring anything malformed", () => {
    runInRequestScope({}, (scope) => {
      absorbStaleExtension([
        { system: 'mesh', asOf: '2026-11-21T11:00:00+03:00' },
        { system: 'http://evil/', asOf: '2026-11-21T11:00:00+03:00' },
        { system: 'emias', asOf: 'yesterday' },
        { system: 'fines' },
        'mesh',
        null,
      ]);
      absorbStaleExtension({ system: 'mesh' });
      expect(scope.staleReads).toEqual([{ system: 'mesh', asOf: '2026-11-21T11:00:00+03:00' }]);
    });
  });
});

describe('the deadline header', () => {
  const now = 1_795_251_600_000;

  it('is an absolute instant in epoch milliseconds', () => {
    expect(DEADLINE_HEADER).toBe('x-request-deadline');
    expect(formatDeadlineHeader(now + 0.7)).toBe(String(now));
    expect(parseDeadlineHeader(formatDeadlineHeader(now + 5_000), { now })).toBe(now + 5_000);
    expect(parseDeadlineHeader([String(now + 1), String(now + 2)], { now })).toBe(now + 1);
  });

  it('ignores what is not an instant, keeps a past one, and caps one too far ahead', () => {
    for (const bad of [undefined, '', 'soon', '-5', '1.5e12', '12 34', '99999999999999999999']) expect(parseDeadlineHeader(bad, { now })).toBeUndefined();
    expect(parseDeadlineHeader(String(now - 10), { now })).toBe(now - 10);
    expect(parseDeadlineHeader(String(now + 3_600_000), { now })).toBe(now + 60_000);
    expect(parseDeadlineHeader(String(now + 3_600_000), { now, maxAheadMs: 10_000 })).toBe(now + 10_000);
  });

  it('gives each hop the earlier of its own budget and the received deadline less a margin', () => {
    expect(hopDeadline({ budgetMs: 8_000, now })).toBe(now + 8_000);
    expect(hopDeadline({ received: now + 5_000, budgetMs: 8_000, now })).toBe(now + 4_950);
    expect(hopDeadline({ received: now + 5_000, budgetMs: 8_000, marginMs: 200, now })).toBe(now + 4_800);
    expect(hopDeadline({ received: now + 20_000, budgetMs: 8_000, now })).toBe(now + 8_000);
  });
});
