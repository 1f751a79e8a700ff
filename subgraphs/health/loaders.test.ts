import { EMIAS_PARALLEL_CALLS, settleWithLimit } from './loaders';

describe('settleWithLimit', () => {
  it('keeps at most the cap in flight, keeps results aligned with keys, and fails a key alone', async () => {
    let inFlight = 0;
    let peak = 0;
    const keys = Array.from({ length: 10 }, (_, i) => i);
    const settling = settleWithLimit(keys, EMIAS_PARALLEL_CALLS, async (key) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 + (key % 3)));
      inFlight--;
      if (key === 7) throw new Error('seven failed');
      return key * 10;
    });
    // Unit tests run on fake timers: the calls' waits pass as the clock is run.
    await jest.runAllTimersAsync();
    const results = await settling;
    expect(peak).toBe(EMIAS_PARALLEL_CALLS);
    expect(results[7]).toBeInstanceOf(Error);
    expect(results.filter((r, i) => i !== 7)).toEqual(keys.filter((k) => k !== 7).map((k) => k * 10));
  });
});
