import { LegacyUnavailableError } from '../legacy-errors';
import type { Answer } from '../policy';
import { Observe } from './observe';
import { callContext, liveAnswer, watchedReporter } from './testing';

describe('Observe', () => {
  it('reports how a call ended, where its answer came from and after how many attempts', async () => {
    const { reporter, events } = watchedReporter();
    const observe = new Observe(reporter);
    await observe.execute(callContext(), async (ctx) => {
      ctx.attempts = 2;
      return liveAnswer();
    });
    await observe.execute(callContext(), async () => ({ ...liveAnswer(), served: 'fresh-cache' as const }));
    expect(events).toEqual([
      { type: 'call', system: 'test', endpoint: 'GET /items', outcome: 'ok', attempts: 2, ms: expect.any(Number), served: 'live' },
      { type: 'call', system: 'test', endpoint: 'GET /items', outcome: 'ok', attempts: 0, ms: expect.any(Number), served: 'fresh-cache' },
    ]);
  });

  it("reports and logs a failure by its code and the class and code of its cause, never the cause's message", async () => {
    const { reporter, events, logLines } = watchedReporter();
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND registry.internal /persons/1244'), { code: 'ENOTFOUND' });
    const failure = new LegacyUnavailableError('test', 'GET /persons/:id', undefined, undefined, { cause });
    const failing = async (ctx: { attempts: number }): Promise<Answer<unknown>> => {
      ctx.attempts = 1;
      return Promise.reject(failure);
    };
    await expect(new Observe(reporter).execute(callContext({ call: { endpoint: 'GET /persons/:id' } }), failing)).rejects.toBe(failure);
    expect(events).toEqual([{ type: 'call', system: 'test', endpoint: 'GET /persons/:id', outcome: 'LEGACY_UNAVAILABLE', attempts: 1, ms: expect.any(Number), served: 'none' }]);
    const lines = logLines();
    expect(lines).toEqual([expect.objectContaining({ msg: 'legacy call failed', code: 'LEGACY_UNAVAILABLE', cause: { name: 'Error', code: 'ENOTFOUND' } })]);
    expect(JSON.stringify(lines)).not.toMatch(/1244|registry\.internal|getaddrinfo/);
  });

  it('reports what is not a legacy failure as an internal error', async () => {
    const { reporter, events } = watchedReporter();
    await expect(new Observe(reporter).execute(callContext(), async () => Promise.reject(new TypeError('a bug')))).rejects.toThrow('a bug');
    expect(events).toEqual([expect.objectContaining({ type: 'call', outcome: 'INTERNAL_SERVER_ERROR', served: 'none' })]);
  });
});
