import { markOurs, markUnreachable } from '../failure-kind';
import { LegacyBadResponseError, LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from '../legacy-errors';
import type { Answer } from '../policy';
import type { BreakerOptions } from '../transport-options';
import { Breakers } from './breakers';
import { callContext, liveAnswer, watchedReporter } from './testing';

const QUICK: Required<BreakerOptions> = { failureRate: 0.5, windowMs: 1_000, minimumCalls: 4, halfOpenAfterMs: 300, perEndpoint: true };
const items = { endpoint: 'GET /items', path: '/items' };
const other = { endpoint: 'GET /other', path: '/other' };
const unreachable = () =>
  markUnreachable(new LegacyUnavailableError('test', 'GET /items', undefined, undefined, { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));

describe('Breakers', () => {
  // cockatiel's breakers read the clock: faked, a breaker's wait is passed in a step.
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  /** A system whose answers the test sets, counting the calls that reach it. */
  function system() {
    let fail: (() => Error) | undefined;
    const reached: string[] = [];
    const next = async (ctx: { call: { endpoint: string } }): Promise<Answer<unknown>> => {
      reached.push(ctx.call.endpoint);
      if (fail) throw fail();
      return liveAnswer();
    };
    return {
      next,
      reached,
      failWith: (f: (() => Error) | undefined) => {
        fail = f;
      },
    };
  }
  const settle = (work: Promise<unknown>) =>
    work.then(
      () => 'ok',
      (error: Error) => error.message,
    );

  it("opens the system's breaker when the system gives no answer, then fails every endpoint fast without calling it", async () => {
    const { reporter, events } = watchedReporter();
    const breakers = new Breakers(reporter, QUICK);
    const sys = system();
    sys.failWith(unreachable);
    for (let i = 0; i < 4; i++) await expect(breakers.execute(callContext({ call: items }), sys.next)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    expect(breakers.health().breaker).toBe('open');
    expect(events).toContainEqual({ type: 'breaker', system: 'test', state: 'open' });
    sys.failWith(undefined);
    for (const call of [items, other]) {
      await expect(breakers.execute(callContext({ call }), sys.next)).rejects.toMatchObject({
        code: 'LEGACY_UNAVAILABLE',
        system: 'test',
        endpoint: call.endpoint,
        message: expect.stringMatching(/circuit open/),
      });
    }
    expect(sys.reached).toHaveLength(4);
  });

  it("opens an endpoint's breaker on its 5xx, leaving the rest of the system alone", async () => {
    const breakers = new Breakers(watchedReporter().reporter, QUICK);
    const sys = system();
    sys.failWith(() => new LegacyUnavailableError('test', 'GET /items', 503));
    for (let i = 0; i < 4; i++) await breakers.execute(callContext({ call: items }), sys.next).catch(() => undefined);
    expect(await settle(breakers.execute(callContext({ call: items }), sys.next))).toMatch(/circuit open/);
    expect(sys.reached).toHaveLength(4);
    sys.failWith(undefined);
    await expect(breakers.execute(callContext({ call: other }), sys.next)).resolves.toMatchObject({ served: 'live' });
    expect(breakers.health()).toEqual({ breaker: 'closed', endpoints: [{ endpoint: 'GET /items', breaker: 'open' }] });
  });

  it('lets one probe through after halfOpenAfterMs, and closes on its success', async () => {
    const { reporter, events } = watchedReporter();
    const breakers = new Breakers(reporter, QUICK);
    const sys = system();
    sys.failWith(unreachable);
    for (let i = 0; i < 4; i++) await breakers.execute(callContext({ call: items }), sys.next).catch(() => undefined);
    sys.failWith(undefined);
    jest.advanceTimersByTime(QUICK.halfOpenAfterMs - 1);
    expect(await settle(breakers.execute(callContext({ call: items }), sys.next))).toMatch(/circuit open/);
    jest.advanceTimersByTime(1);
    await expect(breakers.execute(callContext({ call: items }), sys.next)).resolves.toMatchObject({ served: 'live' });
    expect(breakers.health().breaker).toBe('closed');
    await expect(breakers.execute(callContext({ call: other }), sys.next)).resolves.toMatchObject({ served: 'live' });
    const states = events.filter((e) => e.type === 'breaker' && e.endpoint === undefined).map((e) => (e as { state: string }).state);
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(sys.reached).toEqual(['GET /items', 'GET /items', 'GET /items', 'GET /items', 'GET /items', 'GET /other']);
  });

  it('opens again when the probe fails, and fails fast after it', async () => {
    const breakers = new Breakers(watchedReporter().reporter, QUICK);
    const sys = system();
    sys.failWith(unreachable);
    for (let i = 0; i < 4; i++) await breakers.execute(callContext({ call: items }), sys.next).catch(() => undefined);
    jest.advanceTimersByTime(QUICK.halfOpenAfterMs);
    await expect(breakers.execute(callContext({ call: items }), sys.next)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', message: 'test is unreachable' });
    expect(breakers.health().breaker).toBe('open');
    expect(await settle(breakers.execute(callContext({ call: items }), sys.next))).toMatch(/circuit open/);
    expect(sys.reached).toHaveLength(5);
  });

  it("counts neither refusals nor garbage nor 429 nor timeouts of the transport's own making against a breaker", async () => {
    const breakers = new Breakers(watchedReporter().reporter, QUICK);
    const sys = system();
    const failures = [
      () => new LegacyBadResponseError('test', 'GET /items', 'truncated'),
      () => new LegacyRateLimitedError('test', 'GET /items', 1),
      () => markOurs(new LegacyTimeoutError('test', 'GET /items', 0)),
    ];
    for (const failure of failures) {
      sys.failWith(failure);
      for (let i = 0; i < 6; i++) await breakers.execute(callContext({ call: items }), sys.next).catch(() => undefined);
    }
    expect(breakers.health()).toEqual({ breaker: 'closed', endpoints: [] });
    expect(sys.reached).toHaveLength(18);
  });

  it('counts a 5xx against the endpoint only, and a timeout against the system too', async () => {
    const breakers = new Breakers(watchedReporter().reporter, QUICK);
    const sys = system();
    sys.failWith(() => new LegacyUnavailableError('test', 'GET /items', 503));
    for (let i = 0; i < 4; i++) await breakers.execute(callContext({ call: items }), sys.next).catch(() => undefined);
    expect(breakers.health().breaker).toBe('closed');
    sys.failWith(() => new LegacyTimeoutError('test', 'GET /other', 500));
    for (let i = 0; i < 4; i++) await breakers.execute(callContext({ call: other }), sys.next).catch(() => undefined);
    expect(breakers.health().breaker).toBe('open');
  });
});
