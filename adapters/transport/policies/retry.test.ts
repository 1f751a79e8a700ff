import { markOurs } from '../failure-kind';
import type { LegacyCall } from '../legacy-call';
import { LegacyBadResponseError, LegacyCircuitOpenError, LegacyOverCapacityError, LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from '../legacy-errors';
import type { Answer } from '../policy';
import type { RetryOptions } from '../transport-options';
import { Retry } from './retry';
import { callContext, liveAnswer, watchedReporter } from './testing';

const OPTIONS: Required<RetryOptions> = { maxRetries: 2, initialDelayMs: 50, maxDelayMs: 1_000, budgetRatio: 0.2, budgetMinPerSecond: 1, budgetWindowMs: 10_000, minAttemptMs: 100 };
const unavailable = () => new LegacyUnavailableError('test', 'GET /items', 503);

describe('Retry', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  /** Runs one call whose every attempt fails with `failure()`, waiting out its backoffs; how many attempts it made and how it ended. */
  async function failingCall(retry: Retry, failure: () => Error, call: Partial<LegacyCall> = {}, ctx = callContext({ call })) {
    const next = jest.fn(async (): Promise<Answer<unknown>> => Promise.reject(failure()));
    const outcome = retry.execute(ctx, next).catch((error: unknown) => error);
    await jest.runAllTimersAsync();
    return { attempts: next.mock.calls.length, error: await outcome };
  }

  it("retries a read that failed by the system's fault, each retry after its backoff, and gives up after maxRetries", async () => {
    const { reporter, events } = watchedReporter();
    const retry = new Retry(reporter, OPTIONS);
    const next = jest.fn(async (): Promise<Answer<unknown>> => Promise.reject(unavailable()));
    const outcome = retry.execute(callContext(), next).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(0);
    expect(next).toHaveBeenCalledTimes(1);
    for (const attempt of [1, 2]) {
      const retried = events.filter((e) => e.type === 'retry');
      expect(retried).toHaveLength(attempt);
      const { delayMs } = retried[attempt - 1] as { delayMs: number };
      // The next attempt waits its whole backoff.
      await jest.advanceTimersByTimeAsync(Math.max(0, delayMs - 1));
      if (delayMs > 1) expect(next).toHaveBeenCalledTimes(attempt);
      await jest.advanceTimersByTimeAsync(1);
      expect(next).toHaveBeenCalledTimes(attempt + 1);
    }
    await expect(outcome).resolves.toMatchObject({ code: 'LEGACY_UNAVAILABLE', status: 503 });
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', system: 'test', endpoint: 'GET /items', attempt: 1, delayMs: expect.any(Number), code: 'LEGACY_UNAVAILABLE' },
      { type: 'retry', system: 'test', endpoint: 'GET /items', attempt: 2, delayMs: expect.any(Number), code: 'LEGACY_UNAVAILABLE' },
    ]);
  });

  it('answers with the first attempt that succeeds', async () => {
    const retry = new Retry(watchedReporter().reporter, OPTIONS);
    const answer = liveAnswer();
    const next = jest.fn<Promise<Answer<unknown>>, []>().mockRejectedValueOnce(unavailable()).mockResolvedValueOnce(answer);
    const outcome = retry.execute(callContext(), next);
    await jest.runAllTimersAsync();
    await expect(outcome).resolves.toBe(answer);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('never retries a write, unless it says it only reads', async () => {
    const retry = new Retry(watchedReporter().reporter, OPTIONS);
    expect((await failingCall(retry, unavailable, { method: 'POST', body: '{}' })).attempts).toBe(1);
    expect((await failingCall(retry, unavailable, { method: 'POST', body: '{}', idempotent: true })).attempts).toBe(3);
    expect((await failingCall(retry, unavailable, { method: 'GET', idempotent: false })).attempts).toBe(1);
  });

  it('does not retry a refusal, garbage, a 429, an open circuit, a full bulkhead or a timeout of its own making', async () => {
    const { reporter, events } = watchedReporter();
    const retry = new Retry(reporter, OPTIONS);
    const failures = [
      () => new LegacyBadResponseError('test', 'GET /items', 'body is not JSON'),
      () => new LegacyRateLimitedError('test', 'GET /items', 1),
      () => new LegacyCircuitOpenError('test', 'GET /items'),
      () => new LegacyOverCapacityError('test', 'GET /items'),
      () => markOurs(new LegacyTimeoutError('test', 'GET /items', 0)),
      () => new Error('a bug'),
    ];
    for (const failure of failures) expect((await failingCall(retry, failure)).attempts).toBe(1);
    // A timeout of the system's is retried.
    expect((await failingCall(retry, () => new LegacyTimeoutError('test', 'GET /items', 500))).attempts).toBe(3);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('keeps retries within the budget while the system fails every call', async () => {
    const { reporter, events } = watchedReporter();
    const retry = new Retry(reporter, { ...OPTIONS, budgetRatio: 0.2, budgetMinPerSecond: 0 });
    let attempts = 0;
    for (let i = 0; i < 20; i++) attempts += (await failingCall(retry, unavailable)).attempts;
    const retries = attempts - 20;
    expect(retries).toBeGreaterThan(0);
    expect(retries).toBeLessThanOrEqual(0.2 * 20);
    expect(events).toContainEqual({ type: 'retry-denied', system: 'test', endpoint: 'GET /items', reason: 'budget' });
    expect(retry.budget.snapshot()).toEqual({ calls: 20, retries });
  });

  it('never retries when the attempt would not get minAttemptMs before the deadline', async () => {
    const { reporter, events } = watchedReporter();
    const retry = new Retry(reporter, OPTIONS);
    const ctx = callContext({ deadline: Date.now() + OPTIONS.minAttemptMs - 1 });
    expect(await failingCall(retry, unavailable, {}, ctx)).toMatchObject({ attempts: 1, error: { code: 'LEGACY_UNAVAILABLE' } });
    expect(events).toEqual([{ type: 'retry-denied', system: 'test', endpoint: 'GET /items', reason: 'deadline' }]);
  });

  it("gives up its backoff when the call's deadline aborts it", async () => {
    const retry = new Retry(watchedReporter().reporter, { ...OPTIONS, initialDelayMs: 500, maxDelayMs: 1_000 });
    const controller = new AbortController();
    const next = jest.fn(async (): Promise<Answer<unknown>> => Promise.reject(unavailable()));
    const outcome = retry.execute(callContext({ signal: controller.signal }), next).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBe(1);
    controller.abort();
    await expect(outcome).resolves.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    expect(next).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
