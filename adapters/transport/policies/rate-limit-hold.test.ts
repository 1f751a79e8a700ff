import { LegacyFairShareExceededError, LegacyRateLimitedError } from '../legacy-errors';
import type { Answer } from '../policy';
import { RateLimitHold } from './rate-limit-hold';
import { callContext, liveAnswer, watchedReporter } from './testing';

const LIMITS = { defaultRetryAfterSeconds: 1, maxRetryAfterSeconds: 60 };
const x = { endpoint: 'GET /x', path: '/x' };
const y = { endpoint: 'GET /y', path: '/y' };
const answers = async (): Promise<Answer<unknown>> => liveAnswer();
/** The system answering 429, with the Retry-After it gave (already capped by the attempt). */
const tooMany = (retryAfterSeconds: number | undefined) => async (): Promise<Answer<unknown>> => Promise.reject(new LegacyRateLimitedError('test', 'GET /x', retryAfterSeconds));

describe('RateLimitHold', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('holds the endpoint for as long as the system asked, refusing calls unsent, then lets them through again', async () => {
    const { reporter, events } = watchedReporter();
    const hold = new RateLimitHold(reporter, LIMITS);
    await expect(hold.execute(callContext({ call: x }), tooMany(0.3))).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 0.3 });
    expect(events).toEqual([{ type: 'rate-limited', system: 'test', endpoint: 'GET /x', retryAfterSeconds: 0.3 }]);
    const next = jest.fn(answers);
    // Held: the caller learns how long to wait, in whole seconds.
    await expect(hold.execute(callContext({ call: x }), next)).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 1, message: expect.stringMatching(/Retry-After/) });
    expect(next).not.toHaveBeenCalled();
    // Another endpoint of the system is not held.
    await expect(hold.execute(callContext({ call: y }), next)).resolves.toMatchObject({ served: 'live' });
    jest.advanceTimersByTime(299);
    await expect(hold.execute(callContext({ call: x }), next)).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED' });
    jest.advanceTimersByTime(1);
    await expect(hold.execute(callContext({ call: x }), next)).resolves.toMatchObject({ served: 'live' });
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('holds a bare 429 for the default time, and never longer than the cap', async () => {
    const hold = new RateLimitHold(watchedReporter().reporter, { defaultRetryAfterSeconds: 2, maxRetryAfterSeconds: 5 });
    await expect(hold.execute(callContext({ call: x }), tooMany(undefined))).rejects.toMatchObject({ retryAfterSeconds: undefined });
    await expect(hold.execute(callContext({ call: x }), answers)).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 2 });
    jest.advanceTimersByTime(2_000);
    await expect(hold.execute(callContext({ call: x }), tooMany(3_600))).rejects.toMatchObject({ retryAfterSeconds: 3_600 });
    await expect(hold.execute(callContext({ call: x }), answers)).rejects.toMatchObject({ retryAfterSeconds: 5 });
  });

  it("holds nothing for a refusal of the transport's own (a caller over its fair share)", async () => {
    const hold = new RateLimitHold(watchedReporter().reporter, LIMITS);
    await expect(hold.execute(callContext({ call: x }), async () => Promise.reject(new LegacyFairShareExceededError('test', 'GET /x')))).rejects.toMatchObject({
      code: 'LEGACY_RATE_LIMITED',
    });
    await expect(hold.execute(callContext({ call: x }), answers)).resolves.toMatchObject({ served: 'live' });
  });
});
