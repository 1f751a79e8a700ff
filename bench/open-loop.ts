/** One stretch of an open-loop run: `rate` requests a second for `durationSec`. */
export interface OpenLoopPhase {
  rate: number;
  durationSec: number;
}

/** The clock the schedule runs on; the real one by default, a stepped one in tests. */
export interface ScheduleClock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: ScheduleClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How often the schedule looks at the clock; a request leaves at most this late. */
const TICK_MS = 2;

/** Where each phase started (ms on the clock) and how many requests left in all. */
export interface ScheduleRun {
  phaseStartsMs: number[];
  sent: number;
}

/**
 * Sends requests on a schedule, whatever the system answers: `send(phase)` is called `rate` times a
 * second, evenly spaced, and what it returns is awaited only at the end. This is how a city's
 * clients arrive (each on their own, not in step with the answers), and how a rate is offered:
 * autocannon's `overallRate` instead lets each connection fire its share at the start of every
 * second, so a "steady" 47/s reached the gateway as 47 requests at once, once a second, and the
 * gateway's admission limit refused the top of each burst (half of them, in the soak).
 */
export async function sendOnSchedule(phases: readonly OpenLoopPhase[], send: (phase: number) => Promise<unknown>, clock: ScheduleClock = REAL_CLOCK): Promise<ScheduleRun> {
  const inFlight = new Set<Promise<unknown>>();
  const phaseStartsMs: number[] = [];
  let total = 0;
  const launch = (phase: number): void => {
    const done = send(phase).catch(() => undefined);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  for (const [index, phase] of phases.entries()) {
    const start = clock.now();
    phaseStartsMs[index] = start;
    const end = start + phase.durationSec * 1000;
    let sent = 0;
    for (let now = clock.now(); now < end; now = clock.now()) {
      // However late a tick runs, the schedule catches up: what is due by now leaves now.
      const due = Math.floor(((now - start) / 1000) * phase.rate);
      for (; sent < due; sent++) launch(index);
      await clock.sleep(TICK_MS);
    }
    // The phase's last request is due at its very end.
    for (const due = Math.floor(phase.durationSec * phase.rate); sent < due; sent++) launch(index);
    total += sent;
  }
  await Promise.all(inFlight);
  return { phaseStartsMs, sent: total };
}
