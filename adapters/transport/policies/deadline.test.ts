import { LegacyUnavailableError } from '../legacy-errors';
import type { Answer } from '../policy';
import { Deadline } from './deadline';
import { callContext, liveAnswer, watchedReporter } from './testing';

describe('Deadline', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());
  const deadline = () => new Deadline(watchedReporter().reporter);

  it('ends a call that has not answered by its deadline, and aborts what is under way below', async () => {
    const ctx = callContext({ deadline: Date.now() + 150 });
    let below: AbortSignal | undefined;
    // What is below never answers and does not listen to the signal: the call still ends.
    const call = deadline().execute(ctx, (c) => {
      below = c.signal;
      return new Promise<Answer<unknown>>(() => undefined);
    });
    const ended = jest.fn();
    call.catch(ended);
    await jest.advanceTimersByTimeAsync(149);
    expect(ended).not.toHaveBeenCalled();
    expect(below?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(call).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'test', endpoint: 'GET /items', timeoutMs: 150 });
    expect(below?.aborted).toBe(true);
  });

  it('refuses a call whose deadline has passed without calling on', async () => {
    const next = jest.fn(async () => liveAnswer());
    await expect(deadline().execute(callContext({ deadline: Date.now() }), next)).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', timeoutMs: 0 });
    expect(next).not.toHaveBeenCalled();
  });

  it('hands on the answer or the failure from below, and leaves no timer behind', async () => {
    const answer = liveAnswer({ n: 1 });
    await expect(deadline().execute(callContext(), async () => answer)).resolves.toBe(answer);
    const failure = new LegacyUnavailableError('test', 'GET /items', 503);
    await expect(deadline().execute(callContext(), async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(jest.getTimerCount()).toBe(0);
  });
});
