import { EventLoopQueueDelay } from './queue-delay';

/**
 * A scheduler the test drives: it runs the pending timer at a time the test chooses, as a busy
 * event loop would run it late.
 */
function manualLoop() {
  const clock = { now: 0 };
  let pending: { callback: () => void; due: number } | undefined;
  const schedule = (callback: () => void, ms: number) => {
    pending = { callback, due: clock.now + ms };
    return { cancel: () => (pending = undefined) };
  };
  /** Runs the timer `lateMs` after it was due. */
  const fire = (lateMs: number): void => {
    const timer = pending!;
    clock.now = timer.due + lateMs;
    timer.callback();
  };
  /** Runs `count` samples, each `lateMs` late. */
  const run = (count: number, lateMs: (i: number) => number): void => {
    for (let i = 0; i < count; i++) fire(lateMs(i));
  };
  return {
    clock,
    schedule,
    run,
    get pending() {
      return pending;
    },
  };
}

describe("the event loop's standing queueing delay", () => {
  it('is the least lateness of each 100 ms interval: bursts do not count, a standing queue does', () => {
    const loop = manualLoop();
    const monitor = new EventLoopQueueDelay({ now: () => loop.clock.now, schedule: loop.schedule });
    // Mostly on time, the last sample 60 ms late (a burst or a collection): no queue stood.
    loop.run(9, () => 0.5);
    loop.run(1, () => 60);
    expect(monitor.latestMs()).toBe(0.5);
    // Every sample of the next interval at least 12 ms late: a queue stood through it.
    loop.run(5, (i) => 12 + i);
    expect(monitor.latestMs()).toBe(12);
  });

  it('over several intervals, takes the median of their minima', () => {
    const loop = manualLoop();
    const monitor = new EventLoopQueueDelay({ now: () => loop.clock.now, schedule: loop.schedule });
    const start = loop.clock.now;
    // Five intervals standing at 2, 30, 3, 25, 20 ms.
    for (const standing of [2, 30, 3, 25, 20]) {
      const intervalStart = loop.clock.now;
      while (loop.clock.now - intervalStart < 100) loop.run(1, () => standing);
    }
    expect(monitor.standingDelayMs(start)).toBe(20);
    expect(monitor.latestMs()).toBe(20);
  });

  it('answers the latest interval when none has completed since the time asked about', () => {
    const loop = manualLoop();
    const monitor = new EventLoopQueueDelay({ now: () => loop.clock.now, schedule: loop.schedule });
    expect(monitor.standingDelayMs(0)).toBe(0);
    loop.run(12, () => 7);
    expect(monitor.standingDelayMs(loop.clock.now)).toBe(7);
  });

  it('stops sampling when told to', () => {
    const loop = manualLoop();
    const monitor = new EventLoopQueueDelay({ now: () => loop.clock.now, schedule: loop.schedule });
    expect(loop.pending).toBeDefined();
    monitor.stop();
    expect(loop.pending).toBeUndefined();
  });
});
