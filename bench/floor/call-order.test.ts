import { runInRecordedOrder, waitedFor } from './call-order';

describe('the order of recorded calls', () => {
  it('reads calls made together as waiting for nothing, and a later call as waiting for the answer just before it', () => {
    // The person (0–25), then the children (26–51), while two card sections go out with the person.
    const spans = [
      { start: 0, end: 25 },
      { start: 26, end: 51 },
      { start: 0.4, end: 25.6 },
      { start: 0.7, end: 25.9 },
    ];
    expect(waitedFor(spans)).toEqual([-1, 3, -1, -1]);
  });

  it('reads a concurrency cap: the call over the cap waits for the first slot to free', () => {
    const spans = [
      { start: 0, end: 25 },
      { start: 0.2, end: 25.3 },
      { start: 25.1, end: 50 },
    ];
    expect(waitedFor(spans)).toEqual([-1, -1, 0]);
  });

  it('runs each call after the one it waited for, and those that waited for nothing together', async () => {
    const log: string[] = [];
    const gates = new Map<number, () => void>();
    const calls = [{ after: -1 }, { after: 0 }, { after: -1 }, { after: 1 }];
    const done = runInRecordedOrder(calls, async (_call, i) => {
      log.push(`start ${i}`);
      await new Promise<void>((resolve) => gates.set(i, resolve));
      log.push(`end ${i}`);
    });
    // Lets every promise that can move on do so (the unit tier fakes the timer queues).
    const settle = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    await settle();
    expect(log).toEqual(['start 0', 'start 2']);
    gates.get(2)!();
    await settle();
    expect(log).toEqual(['start 0', 'start 2', 'end 2']);
    gates.get(0)!();
    await settle();
    expect(log.slice(3)).toEqual(['end 0', 'start 1']);
    gates.get(1)!();
    await settle();
    gates.get(3)!();
    await done;
    expect(log.slice(5)).toEqual(['end 1', 'start 3', 'end 3']);
  });

  it('fails when a call fails, so a lost stand-in does not pass for a served dashboard', async () => {
    await expect(
      runInRecordedOrder([{ after: -1 }, { after: 0 }], async (_c, i) => {
        if (i === 0) throw new Error('no recording');
      }),
    ).rejects.toThrow('no recording');
  });
});
