import { AdmissionControl, type AdmissionOptions, type AdmissionPermit } from './admission-control';
import type { QueueDelaySource } from './queue-delay';

/** A clock the test moves, and a queueing delay the test sets. */
function harness(options: AdmissionOptions = {}) {
  const clock = { now: 0 };
  const queue = { delayMs: 0 };
  const source: QueueDelaySource = { standingDelayMs: () => queue.delayMs, latestMs: () => queue.delayMs };
  const admission = new AdmissionControl(options, { now: () => clock.now, queueDelay: source });
  const held: AdmissionPermit[] = [];
  /** Takes `n` places of `priority`; the number refused. */
  const take = (n: number, priority: 'normal' | 'critical' = 'normal'): number => {
    let refused = 0;
    for (let i = 0; i < n; i++) {
      const permit = admission.tryAcquire(priority);
      if (permit) held.push(permit);
      else refused += 1;
    }
    return refused;
  };
  const releaseAll = (): void => {
    for (const permit of held.splice(0)) permit.release();
  };
  /** Moves past the end of the window and lets a request in and out, which closes it. */
  const nextWindow = (): void => {
    clock.now += 100;
    admission.tryAcquire('critical')?.release();
  };
  return { admission, clock, queue, take, releaseAll, held, nextWindow };
}

describe('admission control', () => {
  it('takes reads up to the limit less the reserve, then refuses them while a mutation still gets in', () => {
    const { admission, take } = harness({ initialLimit: 10 });
    expect(admission.state()).toMatchObject({ limit: 10, normalLimit: 8, inFlight: 0 });
    expect(take(8)).toBe(0);
    expect(take(5)).toBe(5);
    expect(take(1, 'critical')).toBe(0);
    expect(take(1, 'critical')).toBe(0);
    // The reserve is used up as well: now mutations are refused too.
    expect(take(1, 'critical')).toBe(1);
    expect(admission.state()).toMatchObject({ inFlight: 10, refused: { normal: 5, critical: 1 } });
  });

  it('keeps a place for reads and one more for a mutation at the smallest limit', () => {
    const { admission, take } = harness({ initialLimit: 1, minLimit: 1, maxLimit: 1 });
    expect(admission.state()).toMatchObject({ limit: 1, normalLimit: 1 });
    expect(take(2)).toBe(1);
    expect(take(2, 'critical')).toBe(1);
  });

  it('gives a place back once, however often the permit is released, and admits again', () => {
    const { admission, take, held } = harness({ initialLimit: 5 });
    expect(take(4)).toBe(0);
    expect(take(1)).toBe(1);
    const [first] = held;
    first!.release();
    first!.release();
    expect(admission.state().inFlight).toBe(3);
    expect(take(1)).toBe(0);
    expect(take(1)).toBe(1);
  });

  it('tells listeners of each refusal with its priority', () => {
    const { admission, take } = harness({ initialLimit: 5 });
    const seen: string[] = [];
    admission.onRefusal((priority) => seen.push(priority));
    take(6);
    take(2, 'critical');
    expect(seen).toEqual(['normal', 'normal', 'critical']);
  });

  it('admits everything with shedding off, and still shows its limit', () => {
    const { admission, take } = harness({ initialLimit: 5, shedding: false });
    expect(take(50)).toBe(0);
    expect(admission.state()).toMatchObject({ limit: 5, inFlight: 50, shedding: false });
  });

  it('brings the limit down when work queues past its target while it is busy, and only then', () => {
    const { admission, queue, take, releaseAll, nextWindow } = harness({ initialLimit: 20, queueDelayTargetMs: 5 });
    // A queue, but the service had few requests: the limit stays.
    queue.delayMs = 40;
    take(3);
    nextWindow();
    expect(admission.state().limit).toBe(20);
    releaseAll();
    // Busy and queueing: a tenth off.
    take(16);
    nextWindow();
    expect(admission.state().limit).toBe(18);
    // Busy and not queueing: it grows again.
    queue.delayMs = 2;
    releaseAll();
    take(14);
    nextWindow();
    expect(admission.state().limit).toBe(19);
  });

  it('does not judge a window while what it admitted under the previous limit drains', () => {
    const { admission, queue, take, held, nextWindow } = harness({ initialLimit: 20 });
    queue.delayMs = 40;
    take(16);
    nextWindow();
    expect(admission.state()).toMatchObject({ limit: 18, normalLimit: 14, inFlight: 16 });
    // Sixteen still in flight against a ceiling of fourteen: the cut has not taken effect.
    nextWindow();
    expect(admission.state().limit).toBe(18);
    for (const permit of held.splice(0, 2)) permit.release();
    // Drained to the new ceiling: the window after this one is judged again, and cut deeper.
    nextWindow();
    nextWindow();
    expect(admission.state().limit).toBe(14);
  });

  it('brings the limit down when a service it calls reports queueing or refuses', () => {
    const { admission, take, nextWindow } = harness({ initialLimit: 20, queueDelayTargetMs: 5 });
    take(16);
    for (const delay of [1, 2, 30, 30, 30]) admission.reportDownstreamDelay('health', delay);
    for (const delay of [1, 1, 1]) admission.reportDownstreamDelay('residents', delay);
    nextWindow();
    expect(admission.state().limit).toBe(18);

    const other = harness({ initialLimit: 20 });
    other.take(16);
    other.admission.reportDownstreamRefusal();
    other.nextWindow();
    expect(other.admission.state().limit).toBe(18);
  });

  it('lets one slow answer among many from a service below pass: the median decides', () => {
    const { admission, take, nextWindow } = harness({ initialLimit: 20, queueDelayTargetMs: 5 });
    take(16);
    for (const delay of [1, 1, 2, 1, 80]) admission.reportDownstreamDelay('health', delay);
    nextWindow();
    expect(admission.state().limit).toBe(21);
  });

  it('admits again once the flood stops, at whatever limit the flood left', () => {
    const { admission, queue, take, releaseAll, nextWindow, held } = harness({ initialLimit: 20 });
    queue.delayMs = 50;
    for (let round = 0; round < 6; round++) {
      take(40);
      nextWindow();
      // The flood keeps the service full; requests complete one by one.
      for (const permit of held.splice(0, Math.max(0, held.length - admission.state().normalLimit))) permit.release();
    }
    expect(admission.state().limit).toBeLessThan(20);
    expect(admission.state().refused.normal).toBeGreaterThan(0);
    releaseAll();
    queue.delayMs = 0;
    expect(take(admission.state().normalLimit)).toBe(0);
  });

  it('refuses options that make no sense', () => {
    expect(() => new AdmissionControl({ criticalReserve: 1 })).toThrow(RangeError);
    expect(() => new AdmissionControl({ retryAfterSeconds: 0.5 })).toThrow(RangeError);
    expect(() => new AdmissionControl({ queueDelayTargetMs: 0 })).toThrow(RangeError);
    expect(() => new AdmissionControl({ windowMs: 0 })).toThrow(RangeError);
  });
});
