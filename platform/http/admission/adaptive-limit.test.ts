import { AdaptiveLimit } from './adaptive-limit';

/**
 * A process whose cores serve `capacity` requests at once: at or below that many in flight no
 * work waits; beyond it the extra requests' work queues, and the standing delay grows with them.
 * Returns the window's congestion (delay over a target of `targetMs`).
 */
function cores(capacity: number, msPerExtraRequest = 4, targetMs = 5): (inFlight: number) => number {
  return (inFlight) => (Math.max(0, inFlight - capacity) * msPerExtraRequest) / targetMs;
}

/** Windows of an overload: more arrives than the limit lets in, so the limit is always full. */
function overload(limit: AdaptiveLimit, congestionAt: (inFlight: number) => number, windows: number): number[] {
  const limits: number[] = [];
  for (let i = 0; i < windows; i++) limits.push(limit.update({ congestion: congestionAt(limit.limit), maxInFlight: limit.limit }));
  return limits;
}

describe('the adaptive limit', () => {
  it('starts at its initial limit (48 by default)', () => {
    expect(new AdaptiveLimit().limit).toBe(48);
    expect(new AdaptiveLimit({ initialLimit: 10 }).limit).toBe(10);
  });

  it('moves not at all while the service is asked for less than half of it, queue or no queue', () => {
    const limit = new AdaptiveLimit({ initialLimit: 40 });
    for (let i = 0; i < 50; i++) limit.update({ congestion: 10, maxInFlight: 19 });
    for (let i = 0; i < 50; i++) limit.update({ congestion: 0, maxInFlight: 19 });
    expect(limit.limit).toBe(40);
  });

  it('cuts a tenth when a queue stands, and more each window it still stands, by at most half', () => {
    const limit = new AdaptiveLimit({ initialLimit: 1000, minLimit: 1 });
    const congested = () => limit.update({ congestion: 3, maxInFlight: limit.limit });
    // 0.9, 0.81, 0.73, 0.66, 0.59, 0.53, then never more than half.
    expect(Array.from({ length: 8 }, congested)).toEqual([900, 729, 531, 348, 205, 109, 54, 27]);
    // A window without a queue ends the run: the next cut is a tenth again.
    expect(limit.update({ congestion: 0.5, maxInFlight: limit.limit })).toBe(28);
    expect(congested()).toBe(25);
  });

  it('judges a cut again only once it has taken effect', () => {
    const limit = new AdaptiveLimit({ initialLimit: 100 });
    expect(limit.update({ congestion: 3, maxInFlight: 100 })).toBe(90);
    // Still draining what the old limit let in: the queue they make is no news.
    expect(limit.update({ congestion: 3, maxInFlight: 100, settled: false })).toBe(90);
    expect(limit.update({ congestion: 3, maxInFlight: 90, settled: true })).toBe(72);
  });

  it('never cuts below its floor', () => {
    const limit = new AdaptiveLimit({ initialLimit: 100, minLimit: 7 });
    for (let i = 0; i < 20; i++) limit.update({ congestion: 5, maxInFlight: limit.limit });
    expect(limit.limit).toBe(7);
  });

  it('grows while busy and no queue stands, faster the larger it is, never past its ceiling', () => {
    const small = new AdaptiveLimit({ initialLimit: 16 });
    const large = new AdaptiveLimit({ initialLimit: 400 });
    small.update({ congestion: 0.5, maxInFlight: 16 });
    large.update({ congestion: 0.5, maxInFlight: 400 });
    expect(small.limit).toBe(17);
    expect(large.limit).toBe(405);
    const capped = new AdaptiveLimit({ initialLimit: 99, maxLimit: 100 });
    for (let i = 0; i < 5; i++) capped.update({ congestion: 0, maxInFlight: 100 });
    expect(capped.limit).toBe(100);
  });

  it.each([
    ['a small machine', 10],
    ['a large one', 300],
  ])('settles where work starts to queue on %s, without being told where that is', (_name, capacity) => {
    const limit = new AdaptiveLimit({ initialLimit: 48, maxLimit: 1000 });
    const settled = overload(limit, cores(capacity), 600).slice(-200);
    // Never far below the knee (the cores would idle), never far past it (a queue would stand).
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(Math.floor(capacity * 0.85));
    expect(Math.max(...settled)).toBeLessThanOrEqual(Math.ceil(capacity * 1.25) + 2);
  });

  it("comes down from its start to a small machine's knee within a few windows of a surge", () => {
    const limit = new AdaptiveLimit({ initialLimit: 48 });
    const limits = overload(limit, cores(12, 10), 6);
    expect(limits.slice(0, 5)).toEqual([43, 34, 25, 16, 9]);
  });

  it('ignores a window with no usable measurement', () => {
    const limit = new AdaptiveLimit({ initialLimit: 20 });
    expect(limit.update({ congestion: Number.NaN, maxInFlight: 20 })).toBe(20);
    expect(limit.update({ congestion: -1, maxInFlight: 20 })).toBe(20);
  });

  it('takes default bounds down with a given ceiling, and refuses bounds that contradict each other', () => {
    expect(new AdaptiveLimit({ maxLimit: 3 }).limit).toBe(3);
    expect(() => new AdaptiveLimit({ minLimit: 10, maxLimit: 5 })).toThrow(RangeError);
    expect(() => new AdaptiveLimit({ initialLimit: 50, maxLimit: 10 })).toThrow(RangeError);
    expect(() => new AdaptiveLimit({ minLimit: 0 })).toThrow(RangeError);
    expect(() => new AdaptiveLimit({ maxLimit: 2.5 })).toThrow(RangeError);
  });
});
