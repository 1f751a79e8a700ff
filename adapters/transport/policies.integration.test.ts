import { MockAgent } from 'undici';
import { type RunningSimulator, type SimulatorDefinition, startSimulator } from '../../legacy/kit';
import { MemoryCacheStore } from '../../platform/cache';
import { type RequestScope, runInRequestScope } from '../../platform/request-scope';
import { LegacyBadResponseError, type LegacyReply, LegacyTransport, type LegacyTransportOptions, LegacyUnavailableError, type TransportEvent } from './index';

/** A tiny legacy system: reads that count themselves, a write, a read over POST, an echo. */
function testSystem(): SimulatorDefinition {
  let served = 0;
  const counted = () => ({ json: { n: ++served } });
  return {
    system: 'test',
    routes: [
      { method: 'GET', path: '/items', handle: counted },
      { method: 'GET', path: '/other', handle: counted },
      { method: 'GET', path: '/missing', handle: () => ({ status: 404, json: { code: 'NOT_FOUND' } }) },
      { method: 'POST', path: '/write', handle: counted },
      { method: 'POST', path: '/rpc', handle: counted },
      { method: 'GET', path: '/echo', handle: (req) => ({ json: { requestId: req.headers['x-request-id'] ?? null } }) },
    ],
  };
}

const json = (reply: LegacyReply): unknown => {
  if (reply.status !== 200) throw new LegacyBadResponseError('test', 'GET', `unexpected HTTP ${reply.status}`);
  try {
    return JSON.parse(reply.body) as unknown;
  } catch {
    throw new LegacyBadResponseError('test', 'GET', 'body is not JSON');
  }
};
const items = { method: 'GET', path: '/items', endpoint: 'GET /items' } as const;
const other = { method: 'GET', path: '/other', endpoint: 'GET /other' } as const;
/** How a promise settled. */
async function settled<T>(work: Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await work };
  } catch (error) {
    return { error: error as Error };
  }
}
/** A breaker that does not open in tests about something else. */
const NO_BREAKER = { minimumCalls: 100_000 };
/**
 * Stops the clock the breakers, the 429 hold and the caches read, so a test moves it on at once
 * (`moveClockOn`) instead of sleeping; timers and I/O stay real, for the simulator and undici.
 */
const stopClock = () =>
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
  });
const moveClockOn = (ms: number) => jest.setSystemTime(Date.now() + ms);
/** Polls until `condition` holds, for at most two seconds. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 2_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('LegacyTransport policies against a simulator', () => {
  let sim: RunningSimulator;
  const open: LegacyTransport[] = [];
  let events: TransportEvent[];
  const transport = (options: Partial<LegacyTransportOptions> = {}): LegacyTransport => {
    const made = new LegacyTransport({ system: 'test', baseUrl: sim.url, timeoutMs: 2_000, onEvent: (e) => events.push(e), ...options });
    open.push(made);
    return made;
  };
  const requests = (endpoint: string): number => sim.stats.snapshot().endpoints[endpoint] ?? 0;

  beforeAll(async () => {
    sim = await startSimulator(testSystem());
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    events = [];
    sim.faults.clear();
    sim.stats.reset();
  });
  afterEach(async () => {
    jest.useRealTimers();
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  describe('retries', () => {
    it('retries a failing read, and never a write unless it says it is a read', async () => {
      const t = transport({ breaker: NO_BREAKER });
      sim.faults.set({ errorRate: 1, status: 503 });
      await expect(t.call(items)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'test' });
      expect(requests('GET /items')).toBe(3);
      await expect(t.call({ method: 'POST', path: '/write', endpoint: 'POST /write', body: '{}' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      expect(requests('POST /write')).toBe(1);
      await expect(t.call({ method: 'POST', path: '/rpc', endpoint: 'POST /rpc', body: '{}', idempotent: true })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      expect(requests('POST /rpc')).toBe(3);
      expect(events.filter((e) => e.type === 'retry')).toHaveLength(4);
    });

    it('does not retry a refusal, garbage or a 429', async () => {
      const t = transport({ breaker: NO_BREAKER });
      await expect(t.call({ method: 'GET', path: '/missing', endpoint: 'GET /missing' }, json)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
      expect(requests('GET /missing')).toBe(1);
      sim.faults.set({ endpoint: 'GET /items', malformed: 'html' });
      await expect(t.call(items, json)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
      expect(requests('GET /items')).toBe(1);
      sim.faults.set({ endpoint: 'GET /other', errorRate: 1, status: 429 });
      await expect(t.call(other)).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED' });
      expect(requests('GET /other')).toBe(1);
      expect(events.filter((e) => e.type === 'retry')).toHaveLength(0);
    });

    it('keeps retries within the budget while the system fails every call', async () => {
      const t = transport({ breaker: NO_BREAKER, retry: { budgetRatio: 0.2, budgetMinPerSecond: 0 } });
      sim.faults.set({ errorRate: 1, status: 503 });
      for (let i = 0; i < 20; i++) await expect(t.call(items)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      const retries = requests('GET /items') - 20;
      expect(retries).toBeGreaterThan(0);
      expect(retries).toBeLessThanOrEqual(0.2 * 20);
      expect(events.some((e) => e.type === 'retry-denied' && e.reason === 'budget')).toBe(true);
      expect(t.health().recent).toEqual({ calls: 20, retries });
    });

    it('never retries past the deadline', async () => {
      const t = transport({ timeoutMs: 400, breaker: NO_BREAKER });
      sim.faults.set({ latencyMs: 150, errorRate: 1, status: 503 });
      const { error } = await settled(t.call(items));
      expect(error).toMatchObject({ code: expect.stringMatching(/^LEGACY_(UNAVAILABLE|TIMEOUT)$/) });
      expect(requests('GET /items')).toBeLessThanOrEqual(2);
    });
  });

  describe('deadline and request id from the request scope', () => {
    it("ends a call by the scope's deadline when it is nearer than timeoutMs, and by timeoutMs when that is nearer", async () => {
      const t = transport({ timeoutMs: 300 });
      sim.faults.set({ hang: true });
      // The timeout the error names is the budget the call had: the scope's, not the transport's.
      const scoped = await settled(runInRequestScope({ deadline: Date.now() + 150 }, () => t.call(items)));
      expect(scoped.error).toMatchObject({ code: 'LEGACY_TIMEOUT', timeoutMs: expect.any(Number) });
      expect((scoped.error as unknown as { timeoutMs: number }).timeoutMs).toBeLessThanOrEqual(150);
      const far = await settled(runInRequestScope({ deadline: Date.now() + 60_000 }, () => t.call(items)));
      expect(far.error).toMatchObject({ code: 'LEGACY_TIMEOUT', timeoutMs: 300 });
    });

    it('ends a hung call by timeoutMs outside any scope', async () => {
      const t = transport({ timeoutMs: 200 });
      sim.faults.set({ hang: true });
      const { error } = await settled(t.call(items));
      expect(error).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'test', timeoutMs: 200 });
    });

    it("sends the scope's request id, and none outside a request", async () => {
      const t = transport();
      const echo = { method: 'GET', path: '/echo', endpoint: 'GET /echo' } as const;
      await expect(runInRequestScope({ requestId: 'from-scope' }, () => t.call(echo, json))).resolves.toEqual({ requestId: 'from-scope' });
      await expect(t.call(echo, json)).resolves.toEqual({ requestId: null });
    });
  });

  describe('circuit breakers', () => {
    const quick = { minimumCalls: 4, windowMs: 1_000, halfOpenAfterMs: 300 };

    it("opens the system's breaker when the system is unreachable, then fails fast without calling it", async () => {
      const t = transport({ breaker: quick, retry: { maxRetries: 0 } });
      sim.faults.set({ down: true });
      for (let i = 0; i < 4; i++) await expect(t.call(items)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      expect(t.health()).toMatchObject({ system: 'test', breaker: 'open' });
      expect(events).toContainEqual({ type: 'breaker', system: 'test', state: 'open' });
      sim.faults.clear();
      // Both endpoints fail fast: the host is down for all of them.
      for (const call of [items, other]) {
        await expect(t.call(call)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'test', message: expect.stringMatching(/circuit open/) });
      }
      expect(sim.stats.snapshot().total).toBe(0);
    });

    it("opens an endpoint's breaker on its 5xx, leaving the rest of the system alone", async () => {
      const t = transport({ breaker: quick, retry: { maxRetries: 0 } });
      sim.faults.set({ endpoint: 'GET /items', errorRate: 1, status: 503 });
      for (let i = 0; i < 4; i++) await expect(t.call(items)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      await expect(t.call(items)).rejects.toMatchObject({ message: expect.stringMatching(/circuit open/) });
      expect(requests('GET /items')).toBe(4);
      await expect(t.call(other, json)).resolves.toMatchObject({ n: expect.any(Number) });
      expect(t.health()).toMatchObject({ breaker: 'closed', endpoints: [{ endpoint: 'GET /items', breaker: 'open' }] });
    });

    it('lets one probe through after a while, and closes on its success', async () => {
      stopClock();
      const t = transport({ breaker: quick, retry: { maxRetries: 0 } });
      sim.faults.set({ down: true });
      for (let i = 0; i < 4; i++) await t.call(items).catch(() => undefined);
      expect(t.health().breaker).toBe('open');
      sim.faults.clear();
      moveClockOn(quick.halfOpenAfterMs - 1);
      await expect(t.call(items, json)).rejects.toMatchObject({ message: expect.stringMatching(/circuit open/) });
      expect(sim.stats.snapshot().total).toBe(0);
      moveClockOn(1);
      await expect(t.call(items, json)).resolves.toMatchObject({ n: expect.any(Number) });
      expect(t.health().breaker).toBe('closed');
      await expect(t.call(other, json)).resolves.toMatchObject({ n: expect.any(Number) });
      const states = events.filter((e) => e.type === 'breaker' && e.endpoint === undefined).map((e) => (e as { state: string }).state);
      expect(states).toEqual(['open', 'half-open', 'closed']);
    });

    it('opens again when the probe fails', async () => {
      stopClock();
      const t = transport({ breaker: quick, retry: { maxRetries: 0 } });
      sim.faults.set({ down: true });
      for (let i = 0; i < 4; i++) await t.call(items).catch(() => undefined);
      moveClockOn(quick.halfOpenAfterMs);
      await expect(t.call(items)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', message: 'test is unreachable' });
      expect(t.health().breaker).toBe('open');
      await expect(t.call(items)).rejects.toMatchObject({ message: expect.stringMatching(/circuit open/) });
      const states = events.filter((e) => e.type === 'breaker' && e.endpoint === undefined).map((e) => (e as { state: string }).state);
      expect(states).toEqual(['open', 'half-open', 'open']);
    });

    it('counts neither refusals nor garbage nor 429 against a breaker', async () => {
      const t = transport({ breaker: quick, retry: { maxRetries: 0 } });
      sim.faults.set({ endpoint: 'GET /items', malformed: 'truncated' });
      sim.faults.set({ endpoint: 'GET /other', errorRate: 1, status: 429 });
      for (let i = 0; i < 6; i++) {
        await t.call({ method: 'GET', path: '/missing', endpoint: 'GET /missing' }, json).catch(() => undefined);
        await t.call(items, json).catch(() => undefined);
      }
      await t.call(other).catch(() => undefined);
      expect(t.health()).toMatchObject({ breaker: 'closed', endpoints: [] });
      await expect(t.call(items, json)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
    });
  });

  describe('bulkhead', () => {
    it('caps calls in flight and queued, refusing the rest fast', async () => {
      const t = transport({ bulkhead: { maxConcurrent: 2, maxQueued: 1 } });
      sim.faults.set({ latencyMs: 300 });
      const order: string[] = [];
      const calls = Array.from({ length: 5 }, () =>
        settled(t.call(items, json)).then((r) => {
          order.push(r.error ? 'refused' : 'answered');
          return r;
        }),
      );
      await until(() => t.health().inFlight === 2);
      expect(t.health()).toMatchObject({ inFlight: 2, queued: 1 });
      const results = await Promise.all(calls);
      // Refused at once: before any admitted call had its answer.
      expect(order).toEqual(['refused', 'refused', 'answered', 'answered', 'answered']);
      for (const r of results.filter((r) => r.error)) expect(r.error).toMatchObject({ code: 'LEGACY_UNAVAILABLE', message: expect.stringMatching(/over capacity/) });
      expect(requests('GET /items')).toBe(3);
      expect(events.filter((e) => e.type === 'bulkhead-rejected')).toHaveLength(2);
      expect(t.health()).toMatchObject({ breaker: 'closed', inFlight: 0, queued: 0 });
    });
  });

  describe('stale-if-error', () => {
    const cached = { ...items, cache: { key: 'items', staleMs: 60_000 } };
    const inScope = <T>(principalKey: string | undefined, fn: (scope: RequestScope) => Promise<T>) => runInRequestScope({ principalKey }, fn);

    it("serves the principal's last good answer when the system fails, and marks the request stale", async () => {
      const t = transport({ cache: new MemoryCacheStore(), retry: { maxRetries: 0 } });
      const fresh = await inScope('resident:1', () => t.call(cached, json));
      sim.faults.set({ down: true });
      await inScope('resident:1', async (scope) => {
        await expect(t.call(cached, json)).resolves.toEqual(fresh);
        expect(scope.staleReads).toEqual([{ system: 'test', asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*\+03:00$/) }]);
      });
      expect(events).toContainEqual(expect.objectContaining({ type: 'stale-served', system: 'test', endpoint: 'GET /items' }));
      // Another principal, and a request with no principal, never reach that entry.
      await inScope('resident:2', async (scope) => {
        await expect(t.call(cached, json)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
        expect(scope.staleReads).toEqual([]);
      });
      await expect(t.call(cached, json)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    });

    it('gives the decoder the cached reply with its time, and serves stale past an open breaker', async () => {
      const t = transport({ cache: new MemoryCacheStore(), retry: { maxRetries: 0 }, breaker: { minimumCalls: 2, windowMs: 1_000 } });
      await inScope('resident:1', () => t.call(cached, json));
      sim.faults.set({ down: true });
      for (let i = 0; i < 3; i++) await t.call(items).catch(() => undefined);
      expect(t.health().breaker).toBe('open');
      sim.stats.reset();
      const seen: LegacyReply[] = [];
      await expect(
        inScope('resident:1', () =>
          t.call(cached, (reply) => {
            seen.push(reply);
            return json(reply);
          }),
        ),
      ).resolves.toEqual({ n: expect.any(Number) });
      expect(seen[0]?.cachedAt).toEqual(expect.any(Number));
      // Straight from the cache: the open circuit sent nothing.
      expect(sim.stats.snapshot().total).toBe(0);
    });

    it('does not stand in for garbage, nor past its stale window', async () => {
      stopClock();
      const t = transport({ cache: new MemoryCacheStore(), retry: { maxRetries: 0 } });
      const short = { ...items, cache: { key: 'short', staleMs: 50 } };
      await inScope('resident:1', async () => {
        await t.call(cached, json);
        await t.call(short, json);
        sim.faults.set({ malformed: 'wrong-shape' });
        const counted = (r: LegacyReply) => {
          const body = json(r) as { n?: unknown };
          if (typeof body.n !== 'number') throw new LegacyBadResponseError('test', 'GET /items', 'n: invalid_type');
          return body.n;
        };
        await expect(t.call(cached, counted)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
        sim.faults.clear();
        sim.faults.set({ down: true });
        await expect(t.call(short, json)).resolves.toEqual({ n: expect.any(Number) });
        moveClockOn(51);
        await expect(t.call(short, json)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      });
    });

    it('shares reference data without a principal, and serves it fresh without asking', async () => {
      const t = transport({ cache: new MemoryCacheStore() });
      const reference = { ...items, cache: { key: 'zones', shared: true, freshMs: 60_000, staleMs: 60_000 } };
      const first = await t.call(reference, json);
      await expect(inScope('resident:9', () => t.call(reference, json))).resolves.toEqual(first);
      expect(requests('GET /items')).toBe(1);
      expect(events).toContainEqual(expect.objectContaining({ type: 'call', served: 'fresh-cache' }));
    });

    it('caches nothing when turned off', async () => {
      const t = transport({ cache: false, retry: { maxRetries: 0 } });
      await inScope('resident:1', () => t.call(cached, json));
      sim.faults.set({ down: true });
      await expect(inScope('resident:1', () => t.call(cached, json))).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    });
  });

  describe('health', () => {
    it('reports its breakers, bulkhead and retry budget as they stand, for /readyz', async () => {
      const failing = transport({ system: 'two', breaker: { minimumCalls: 2, windowMs: 1_000 }, retry: { maxRetries: 0 } });
      expect(failing.health()).toEqual({ system: 'two', breaker: 'closed', inFlight: 0, queued: 0, endpoints: [], recent: { calls: 0, retries: 0 } });
      sim.faults.set({ down: true });
      for (let i = 0; i < 3; i++) await failing.call(items).catch(() => undefined);
      expect(failing.health()).toEqual({
        system: 'two',
        breaker: 'open',
        inFlight: 0,
        queued: 0,
        endpoints: [{ endpoint: 'GET /items', breaker: 'open' }],
        recent: { calls: 3, retries: 0 },
      });
    });

    it('ignores a listener that throws', async () => {
      const t = transport({
        onEvent: () => {
          throw new Error('metrics broke');
        },
      });
      await expect(t.call(items, json)).resolves.toMatchObject({ n: expect.any(Number) });
    });
  });
});

/** Where the order of answers must be exact: undici's MockAgent. */
describe('LegacyTransport policies with exact answers', () => {
  let agent: MockAgent;
  let events: TransportEvent[];
  const make = (options: Partial<LegacyTransportOptions> = {}) =>
    new LegacyTransport({ system: 'test', baseUrl: 'http://legacy.test', timeoutMs: 1_000, dispatcher: agent, onEvent: (e) => events.push(e), ...options });

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    events = [];
  });
  afterEach(async () => {
    jest.useRealTimers();
    await agent.close();
  });

  it('hides one 503 of a read behind a retry', async () => {
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/x' }).reply(503, 'busy');
    pool.intercept({ path: '/x' }).reply(200, '{"ok":true}');
    await expect(make().call({ method: 'GET', path: '/x', endpoint: 'GET /x' }, json)).resolves.toEqual({ ok: true });
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', attempt: 1, code: 'LEGACY_UNAVAILABLE' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'call', outcome: 'ok', attempts: 2, served: 'live' }));
  });

  it('retries a fault the system reports inside an HTTP 200, as the decoder reads it', async () => {
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/rpc', method: 'POST' }).reply(200, '{"error":"Read timed out"}');
    pool.intercept({ path: '/rpc', method: 'POST' }).reply(200, '{"result":7}');
    const decode = (reply: LegacyReply) => {
      const body = json(reply) as { error?: string; result?: number };
      if (body.error) throw new LegacyUnavailableError('test', 'POST /rpc', undefined, 'test reported a transient fault');
      return body.result;
    };
    await expect(make().call({ method: 'POST', path: '/rpc', endpoint: 'POST /rpc', body: '{}', idempotent: true }, decode)).resolves.toBe(7);
  });

  it('honours 429 and Retry-After: holds the endpoint without calling it, then lets calls through again', async () => {
    stopClock();
    const t = make();
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/x' }).reply(429, '', { headers: { 'retry-after': '0.3' } });
    await expect(t.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 0.3 });
    // Held: no request is sent (none is mocked), the caller learns how long to wait.
    await expect(t.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({
      code: 'LEGACY_RATE_LIMITED',
      retryAfterSeconds: 1,
      message: expect.stringMatching(/Retry-After/),
    });
    // Another endpoint of the system is not held.
    pool.intercept({ path: '/y' }).reply(200, '{}');
    await expect(t.call({ method: 'GET', path: '/y', endpoint: 'GET /y' })).resolves.toMatchObject({ status: 200 });
    moveClockOn(299);
    await expect(t.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED' });
    moveClockOn(1);
    pool.intercept({ path: '/x' }).reply(200, '{}');
    await expect(t.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).resolves.toMatchObject({ status: 200 });
    expect(events).toContainEqual({ type: 'rate-limited', system: 'test', endpoint: 'GET /x', retryAfterSeconds: 0.3 });
    expect(t.health().breaker).toBe('closed');
  });

  it('believes a Retry-After only up to its cap, and holds a bare 429 for the default time', async () => {
    const t = make({ rateLimit: { maxRetryAfterSeconds: 5, defaultRetryAfterSeconds: 2 } });
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/x' }).reply(429, '', { headers: { 'retry-after': '86400' } });
    pool.intercept({ path: '/y' }).reply(429, '');
    await expect(t.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ retryAfterSeconds: 5 });
    await expect(t.call({ method: 'GET', path: '/y', endpoint: 'GET /y' })).rejects.toMatchObject({ retryAfterSeconds: undefined });
    await expect(t.call({ method: 'GET', path: '/y', endpoint: 'GET /y' })).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 2 });
  });

  it('rejects bad options at once, naming them', () => {
    const bad: Array<[Partial<LegacyTransportOptions>, RegExp]> = [
      [{ timeoutMs: -1 }, /timeoutMs/],
      [{ connections: 0 }, /connections/],
      [{ retry: { maxRetries: 1.5 } }, /retry\.maxRetries/],
      [{ retry: { budgetRatio: 2 } }, /retry\.budgetRatio/],
      [{ retry: { initialDelayMs: 500, maxDelayMs: 100 } }, /retry\.maxDelayMs/],
      [{ retry: { budgetMinPerSecond: -1 } }, /retry\.budgetMinPerSecond/],
      [{ breaker: { failureRate: 1 } }, /breaker\.failureRate/],
      [{ breaker: { windowMs: 10 } }, /breaker\.windowMs/],
      [{ breaker: { minimumCalls: 0 } }, /breaker\.minimumCalls/],
      [{ breaker: { halfOpenAfterMs: 0 } }, /breaker\.halfOpenAfterMs/],
      [{ bulkhead: { maxConcurrent: 0 } }, /bulkhead\.maxConcurrent/],
      [{ bulkhead: { maxQueued: -1 } }, /bulkhead\.maxQueued/],
      [{ rateLimit: { maxRetryAfterSeconds: 0 } }, /rateLimit\.maxRetryAfterSeconds/],
    ];
    for (const [options, message] of bad) expect(() => make(options)).toThrow(message);
  });
});
