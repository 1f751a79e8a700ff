import { type RunningSimulator, startSimulator } from '../../../legacy/kit';
import { runInRequestScope } from '../../../platform/request-scope';
import { LegacyTransport, type LegacyTransportOptions, type TransportEvent } from '../index';
import { FairShare, FairShareExceeded } from './fair-share';
import { gate } from './testing';

describe('FairShare', () => {
  it("runs a principal's calls up to its share, queues a few more, refuses the rest, and lets others through", async () => {
    const share = new FairShare(1, 1);
    const never = new AbortController().signal;
    const held = gate();
    const order: string[] = [];
    const run = (principal: string, name: string, wait?: Promise<void>) =>
      share.execute(
        principal,
        async () => {
          await wait;
          order.push(name);
          return name;
        },
        never,
      );

    const first = run('resident:1', 'a1', held.promise);
    const second = run('resident:1', 'a2');
    await expect(run('resident:1', 'a3')).rejects.toBeInstanceOf(FairShareExceeded);
    // Another principal is not behind resident 1's calls.
    await expect(run('resident:2', 'b1')).resolves.toBe('b1');
    expect(order).toEqual(['b1']);
    held.open();
    await expect(Promise.all([first, second])).resolves.toEqual(['a1', 'a2']);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    // Only callers of this moment are remembered.
    expect(share.principals).toBe(0);
  });

  it('abandons a wait when its signal aborts', async () => {
    const share = new FairShare(1, 1);
    const held = gate();
    const controller = new AbortController();
    const first = share.execute('resident:1', () => held.promise, new AbortController().signal);
    let ran = false;
    const waiting = share.execute('resident:1', async () => (ran = true), controller.signal);
    controller.abort();
    held.open();
    await first;
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(ran).toBe(false);
    expect(share.principals).toBe(0);
  });
});

describe('LegacyTransport with fair shares, against a slow simulator', () => {
  let sim: RunningSimulator;
  let events: TransportEvent[];
  const open: LegacyTransport[] = [];
  const transport = (options: Partial<LegacyTransportOptions> = {}) => {
    const made = new LegacyTransport({ system: 'test', baseUrl: sim.url, timeoutMs: 5_000, cache: false, onEvent: (e) => events.push(e), ...options });
    open.push(made);
    return made;
  };
  const items = { method: 'GET', path: '/items', endpoint: 'GET /items' } as const;
  const asPrincipal = (principalKey: string | undefined, t: LegacyTransport) => runInRequestScope({ ...(principalKey ? { principalKey } : {}) }, () => t.call(items));
  const settle = (work: Promise<unknown>) =>
    work.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'error',
    );

  beforeAll(async () => {
    sim = await startSimulator({ system: 'test', routes: [{ method: 'GET', path: '/items', handle: () => ({ json: { ok: true } }) }] });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    events = [];
    sim.faults.clear();
    sim.stats.reset();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  it("one principal's flood holds a quarter of the bulkhead and a short queue; the excess is refused unsent; another principal goes first", async () => {
    // Bulkhead 8: a share of 2 per principal, 8 waiting.
    const t = transport({ connections: 8 });
    sim.faults.set({ latencyMs: 150 });
    // The order in which answers came back from the system.
    const answered: string[] = [];
    const flood = Array.from({ length: 30 }, (_, i) => settle(asPrincipal('resident:1', t).then(() => answered.push(`flood-${i}`))));
    const other = settle(asPrincipal('resident:2', t).then(() => answered.push('other')));

    const outcomes = await Promise.all(flood);
    expect(await other).toBe('ok');
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'LEGACY_RATE_LIMITED')).toHaveLength(20);
    // The other principal was not queued behind the flood: its answer came with the flood's first wave (of 2).
    expect(answered.indexOf('other')).toBeLessThan(3);
    // The refused calls were never sent, and a caller's flood is not the system's failure.
    expect(sim.stats.snapshot().endpoints['GET /items']).toBe(11);
    expect(events.filter((e) => e.type === 'fair-share-rejected')).toHaveLength(20);
    expect(t.health()).toMatchObject({ breaker: 'closed', inFlight: 0, queued: 0 });
  });

  it('the refusal names the system, asks to retry shortly, and names no caller', async () => {
    const t = transport({ connections: 4, fairShare: { maxConcurrentPerPrincipal: 1, maxQueuedPerPrincipal: 0 } });
    sim.faults.set({ latencyMs: 100 });
    const first = asPrincipal('resident:77', t);
    const refused = await asPrincipal('resident:77', t).catch((error: unknown) => error);
    await first;
    expect(refused).toMatchObject({ code: 'LEGACY_RATE_LIMITED', system: 'test', retryAfterSeconds: 1 });
    expect((refused as Error).message).not.toContain('77');
  });

  it('anonymous requests share one share; calls outside any request (workers) are not held', async () => {
    const t = transport({ connections: 4, fairShare: { maxConcurrentPerPrincipal: 1, maxQueuedPerPrincipal: 1 } });
    sim.faults.set({ latencyMs: 100 });
    const anonymous = await Promise.all(Array.from({ length: 3 }, () => settle(asPrincipal(undefined, t))));
    expect(anonymous.sort()).toEqual(['LEGACY_RATE_LIMITED', 'ok', 'ok']);
    const workers = await Promise.all(Array.from({ length: 3 }, () => settle(t.call(items))));
    expect(workers).toEqual(['ok', 'ok', 'ok']);
  });

  it('can be turned off', async () => {
    const t = transport({ connections: 4, fairShare: false });
    sim.faults.set({ latencyMs: 100 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => settle(asPrincipal('resident:1', t))));
    expect(outcomes).toEqual(Array(6).fill('ok'));
  });

  it('rejects a share larger than the bulkhead at once', () => {
    expect(() => transport({ connections: 4, fairShare: { maxConcurrentPerPrincipal: 5 } })).toThrow(/fairShare.maxConcurrentPerPrincipal must not exceed bulkhead.maxConcurrent/);
  });
});
