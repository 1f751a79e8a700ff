import DataLoader from 'dataloader';
import { loaderPerArguments, perGroup, perKey } from './batch';

/** A call the test answers when it chooses, so concurrency is observed without clocks. */
interface HeldCall<K> {
  keys: K;
  answer(value: unknown): void;
  fail(reason: unknown): void;
}

/** A load function whose calls wait for the test, and the calls in flight. */
function heldLoad<K>() {
  const inFlight: Array<HeldCall<K>> = [];
  let peak = 0;
  const load = (keys: K): Promise<never> =>
    new Promise<never>((resolve, reject) => {
      const call: HeldCall<K> = {
        keys,
        answer: (value) => {
          inFlight.splice(inFlight.indexOf(call), 1);
          resolve(value as never);
        },
        fail: (reason) => {
          inFlight.splice(inFlight.indexOf(call), 1);
          reject(reason);
        },
      };
      inFlight.push(call);
      peak = Math.max(peak, inFlight.length);
    });
  return { load, inFlight, peak: () => peak };
}

/** Lets every queued continuation run (the unit tier's timers, microtasks and immediates are fake). */
const settle = () => jest.runAllTimersAsync();

describe('perKey', () => {
  it('keeps at most `concurrency` calls in flight, answers aligned with the keys, and fails a key alone', async () => {
    const held = heldLoad<number>();
    const keys = Array.from({ length: 10 }, (_, i) => i);
    const batch = perKey(keys, held.load, { concurrency: 4 });
    await settle();
    expect(held.inFlight.map((c) => c.keys)).toEqual([0, 1, 2, 3]);
    // Answered out of order, one at a time: each answer lets exactly one more call start.
    while (held.inFlight.length > 0) {
      const call = held.inFlight[held.inFlight.length - 1]!;
      if (call.keys === 7) call.fail(new Error('seven failed'));
      else call.answer(call.keys * 10);
      await settle();
      expect(held.inFlight.length).toBeLessThanOrEqual(4);
    }
    const results = await batch;
    expect(held.peak()).toBe(4);
    expect(results[7]).toEqual(new Error('seven failed'));
    expect(results.filter((_, i) => i !== 7)).toEqual(keys.filter((k) => k !== 7).map((k) => k * 10));
  });

  it('starts every call at once without a limit', async () => {
    const held = heldLoad<string>();
    const batch = perKey(['a', 'b', 'c'], held.load);
    await settle();
    expect(held.inFlight.map((c) => c.keys)).toEqual(['a', 'b', 'c']);
    for (const call of [...held.inFlight]) call.answer(call.keys.toUpperCase());
    expect(await batch).toEqual(['A', 'B', 'C']);
  });

  it("turns a thrown value that is no Error into an Error that does not quote it, and a synchronous throw into that key's Error", async () => {
    const results = await perKey(['1', '2', '3'], (key) => {
      if (key === '1') throw new TypeError('bad key');
      if (key === '2') return Promise.reject('Иванов Иван 1980-05-12');
      return Promise.resolve(key);
    });
    expect(results[0]).toEqual(new TypeError('bad key'));
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).not.toContain('Иванов');
    expect(results[2]).toBe('3');
  });

  it('rejects a limit that is not a positive integer at once', () => {
    expect(() => perKey([1], async (k) => k, { concurrency: 0 })).toThrow(TypeError);
  });
});

describe('perGroup', () => {
  interface Key {
    person: string;
    home: string;
  }
  const key = (person: string, home: string): Key => ({ person, home });

  it("makes one call per group with its keys in the order asked, and answers every key through its group's look-up", async () => {
    const calls: Key[][] = [];
    const keys = [key('1', 'a'), key('2', 'x'), key('1', 'b'), key('1', 'a')];
    const results = await perGroup(
      keys,
      (k) => k.person,
      async (group) => {
        calls.push(group);
        return (k) => `${k.person}/${k.home}`;
      },
    );
    expect(calls).toEqual([[key('1', 'a'), key('1', 'b'), key('1', 'a')], [key('2', 'x')]]);
    expect(results).toEqual(['1/a', '2/x', '1/b', '1/a']);
  });

  it("fails a failing group's keys only, and a look-up that throws fails its key only", async () => {
    const outage = new Error('person 2 unreachable');
    const results = await perGroup(
      [key('1', 'a'), key('2', 'x'), key('1', 'gone'), key('2', 'y')],
      (k) => k.person,
      async (group) => {
        if (group[0]!.person === '2') throw outage;
        return (k) => {
          if (k.home === 'gone') throw new Error('not asked for');
          return k.home;
        };
      },
    );
    expect(results).toEqual(['a', outage, new Error('not asked for'), outage]);
  });

  it('keeps at most `concurrency` groups in flight', async () => {
    const held = heldLoad<string[]>();
    const batch = perGroup(
      ['a1', 'b1', 'c1', 'a2'],
      (k) => k[0]!,
      (group) => held.load(group),
      { concurrency: 2 },
    );
    await settle();
    expect(held.inFlight.map((c) => c.keys)).toEqual([['a1', 'a2'], ['b1']]);
    while (held.inFlight.length > 0) {
      held.inFlight[0]!.answer((k: string) => k.toUpperCase());
      await settle();
    }
    expect(held.peak()).toBe(2);
    expect(await batch).toEqual(['A1', 'B1', 'C1', 'A2']);
  });

  it('serves a DataLoader: loadMany gives each failed key its Error and the rest their values', async () => {
    const loader = new DataLoader<Key, string, string>(
      (keys) =>
        perGroup(
          keys,
          (k) => k.person,
          async (group) => {
            if (group[0]!.person === 'down') throw new Error('down');
            return (k) => k.home;
          },
        ),
      { cacheKeyFn: (k) => `${k.person}/${k.home}` },
    );
    const answers = loader.loadMany([key('1', 'a'), key('down', 'b'), key('1', 'c')]);
    // DataLoader dispatches its batch on the next tick, which the unit tier's fake timers hold.
    await settle();
    expect(await answers).toEqual(['a', new Error('down'), 'c']);
  });
});

describe('loaderPerArguments', () => {
  it('makes one loader per distinct arguments, on first use, and hands the same one back after', () => {
    const made: string[] = [];
    const forRange = loaderPerArguments(
      (range: { from: string; to: string }) => `${range.from}/${range.to}`,
      (range) => {
        made.push(range.from);
        return { range };
      },
    );
    expect(made).toEqual([]);
    const november = forRange({ from: '2026-11-01', to: '2026-11-30' });
    expect(forRange({ from: '2026-11-01', to: '2026-11-30' })).toBe(november);
    expect(forRange({ from: '2026-12-01', to: '2026-12-31' })).not.toBe(november);
    expect(made).toEqual(['2026-11-01', '2026-12-01']);
  });
});
