import { type ScheduleClock, sendOnSchedule } from './open-loop';

/** A clock that moves only when the schedule sleeps; `lateBy` makes some sleeps overrun. */
function steppedClock(lateBy: (sleepIndex: number) => number = () => 0): ScheduleClock {
  let now = 0;
  let sleeps = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms + lateBy(sleeps++);
    },
  };
}

describe('sending on a schedule', () => {
  it('spreads a rate evenly over each second instead of sending it at once', async () => {
    const clock = steppedClock();
    const sentAt: number[] = [];
    const run = await sendOnSchedule([{ rate: 50, durationSec: 2 }], async () => void sentAt.push(clock.now()), clock);
    expect(run.sent).toBe(100);
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    // 20 ms apart, to within the schedule's 2 ms tick.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(22);
    // Each second carries its share, not the whole at its start.
    expect(sentAt.filter((t) => t < 1_000).length).toBe(49);
    expect(sentAt.filter((t) => t < 100).length).toBe(4);
  });

  it('catches up what fell due while a tick ran late, and never sends ahead', async () => {
    const clock = steppedClock((i) => (i === 10 ? 100 : 0));
    const sentAt: number[] = [];
    const run = await sendOnSchedule([{ rate: 100, durationSec: 1 }], async () => void sentAt.push(clock.now()), clock);
    expect(run.sent).toBe(100);
    const early = sentAt.filter((t, i) => t < (i + 1) * 10);
    expect(early).toEqual([]);
  });

  it('runs its phases one after the other and waits for every answer', async () => {
    const clock = steppedClock();
    const phases: number[] = [];
    let answered = 0;
    const run = await sendOnSchedule(
      [
        { rate: 10, durationSec: 1 },
        { rate: 30, durationSec: 1 },
      ],
      async (phase) => {
        phases.push(phase);
        await Promise.resolve();
        answered++;
      },
      clock,
    );
    expect(run.sent).toBe(40);
    expect(answered).toBe(40);
    expect(phases.filter((p) => p === 0).length).toBe(10);
    expect(run.phaseStartsMs[1]).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps going when a request fails', async () => {
    const clock = steppedClock();
    const run = await sendOnSchedule([{ rate: 10, durationSec: 1 }], () => Promise.reject(new Error('refused')), clock);
    expect(run.sent).toBe(10);
  });
});
