import { countsAgainstEndpoint, countsAgainstSystem } from '../failure-kind';
import type { Answer } from '../policy';
import { Bulkhead } from './bulkhead';
import { callContext, gate, liveAnswer, watchedReporter } from './testing';

describe('Bulkhead', () => {
  it('caps attempts in flight and waiting, refusing the rest unsent at once', async () => {
    const { reporter, events } = watchedReporter();
    const bulkhead = new Bulkhead(reporter, { maxConcurrent: 2, maxQueued: 1 });
    const held = gate();
    const order: string[] = [];
    let sent = 0;
    const next = async (): Promise<Answer<unknown>> => {
      sent++;
      await held.promise;
      return liveAnswer();
    };
    const calls = Array.from({ length: 5 }, (_, i) =>
      bulkhead.execute(callContext(), next).then(
        () => order.push(`answered ${i}`),
        (error: Error) => order.push(`refused ${i}: ${error.message}`),
      ),
    );
    await jest.runAllTimersAsync();
    expect({ inFlight: bulkhead.inFlight, queued: bulkhead.queued, sent }).toEqual({ inFlight: 2, queued: 1, sent: 2 });
    // The refusals came while the admitted calls were still waiting on the system.
    expect(order).toEqual(['refused 3: test is over capacity: too many calls in flight', 'refused 4: test is over capacity: too many calls in flight']);
    held.open();
    await Promise.all(calls);
    expect(order.slice(2).sort()).toEqual(['answered 0', 'answered 1', 'answered 2']);
    expect(sent).toBe(3);
    expect(events).toEqual([
      { type: 'bulkhead-rejected', system: 'test', endpoint: 'GET /items' },
      { type: 'bulkhead-rejected', system: 'test', endpoint: 'GET /items' },
    ]);
    expect({ inFlight: bulkhead.inFlight, queued: bulkhead.queued }).toEqual({ inFlight: 0, queued: 0 });
  });

  it("lets a waiting call whose deadline passed leave unsent, as a timeout of the transport's own", async () => {
    const bulkhead = new Bulkhead(watchedReporter().reporter, { maxConcurrent: 1, maxQueued: 1 });
    const held = gate();
    const first = bulkhead.execute(callContext(), async () => {
      await held.promise;
      return liveAnswer();
    });
    const deadline = new AbortController();
    const next = jest.fn(async () => liveAnswer());
    const waiting = bulkhead.execute(callContext({ signal: deadline.signal }), next).catch((error: Error) => error);
    deadline.abort();
    held.open();
    await first;
    const error = await waiting;
    expect(error).toMatchObject({ code: 'LEGACY_TIMEOUT' });
    expect(next).not.toHaveBeenCalled();
    expect(countsAgainstSystem(error as Error) || countsAgainstEndpoint(error as Error)).toBe(false);
  });
});
