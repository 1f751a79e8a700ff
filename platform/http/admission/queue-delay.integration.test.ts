import { EventLoopQueueDelay } from './queue-delay';

// Real timers: this samples Node's own event-loop delay histogram.
describe("the event loop's standing queueing delay, on Node's own samples", () => {
  it('sees a queue that stood through whole intervals, and none once the loop is idle', async () => {
    const monitor = new EventLoopQueueDelay();
    try {
      const start = performance.now();
      // Keep the loop busy in 30 ms slices for half a second: no sample of any interval can run
      // less than ~20 ms late, whatever else this machine is doing.
      await new Promise<void>((resolve) => {
        const slice = (): void => {
          const sliceStart = performance.now();
          while (performance.now() - sliceStart < 30);
          if (performance.now() - start < 500) setImmediate(slice);
          else resolve();
        };
        slice();
      });
      expect(monitor.standingDelayMs(start)).toBeGreaterThanOrEqual(10);
      // Then idle: the least lateness of an interval is the histogram's sample less its resolution, near 0.
      const idleStart = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(monitor.standingDelayMs(idleStart)).toBeLessThan(5);
    } finally {
      monitor.stop();
    }
  });
});
