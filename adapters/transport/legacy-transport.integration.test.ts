import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { z } from 'zod';
import { runInRequestScope } from '../../platform/request-scope';
import { LegacyTransport, parseWire } from './index';

describe('LegacyTransport', () => {
  let agent: MockAgent;
  let transport: LegacyTransport;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    transport = new LegacyTransport({ system: 'test', baseUrl: 'http://legacy.test/prefix', timeoutMs: 200, dispatcher: agent });
  });

  afterEach(async () => {
    jest.useRealTimers();
    await agent.close();
  });

  /** Fake timers for the deadline; undici's MockAgent answers on real ticks and promises. */
  const fakeTimers = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate'] });

  it("sends the path under the prefix, the query and the request scope's request id", async () => {
    agent
      .get('http://legacy.test')
      .intercept({ path: '/prefix/items?a=1&b=x&b=y', method: 'GET', headers: { 'x-request-id': 'req-1' } })
      .reply(200, '{"ok":true}');
    const reply = await runInRequestScope({ requestId: 'req-1' }, () =>
      transport.call({ method: 'GET', path: '/items', endpoint: 'GET /items', query: { a: 1, b: ['x', 'y'], c: undefined } }),
    );
    expect(reply.status).toBe(200);
    expect(transport.parseJson(reply, 'GET /items')).toEqual({ ok: true });
  });

  it('sends no request id for a call outside any request', async () => {
    agent
      .get('http://legacy.test')
      .intercept({ path: '/prefix/items', headers: (headers) => !('x-request-id' in headers) })
      .reply(200, '{}');
    await expect(transport.call({ method: 'GET', path: '/items', endpoint: 'GET /items' })).resolves.toMatchObject({ status: 200 });
  });

  it('hands 4xx back to the adapter and turns 5xx into LEGACY_UNAVAILABLE', async () => {
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/prefix/a' }).reply(404, '{"code":"NOT_FOUND"}');
    pool.intercept({ path: '/prefix/b' }).reply(503, 'down').times(3);
    await expect(transport.call({ method: 'GET', path: '/a', endpoint: 'GET /a' })).resolves.toMatchObject({ status: 404 });
    await expect(transport.call({ method: 'GET', path: '/b', endpoint: 'GET /b' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'test', status: 503 });
  });

  it('hands a 500 back to an adapter that reads its reason in the body (SOAP)', async () => {
    agent.get('http://legacy.test').intercept({ path: '/prefix/ws', method: 'POST' }).reply(500, '<Fault/>');
    await expect(transport.call({ method: 'POST', path: '/ws', endpoint: 'POST /ws', body: '<x/>', passStatuses: [500] })).resolves.toMatchObject({ status: 500, body: '<Fault/>' });
  });

  it('honours Retry-After on 429', async () => {
    agent
      .get('http://legacy.test')
      .intercept({ path: '/prefix/a' })
      .reply(429, '', { headers: { 'retry-after': '7' } });
    await expect(transport.call({ method: 'GET', path: '/a', endpoint: 'GET /a' })).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('ends a slow call at its deadline as LEGACY_TIMEOUT', async () => {
    fakeTimers();
    agent.get('http://legacy.test').intercept({ path: '/prefix/slow' }).reply(200, '{}').delay(1_000);
    const ended = jest.fn();
    const call = transport.call({ method: 'GET', path: '/slow', endpoint: 'GET /slow' }).catch((error: unknown) => {
      ended();
      return error;
    });
    await jest.advanceTimersByTimeAsync(199);
    expect(ended).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toMatchObject({ code: 'LEGACY_TIMEOUT', timeoutMs: 200 });
  });

  it("ends a call by the request scope's deadline when it is nearer than timeoutMs", async () => {
    fakeTimers();
    agent.get('http://legacy.test').intercept({ path: '/prefix/slow' }).reply(200, '{}').delay(1_000);
    const call = runInRequestScope({ deadline: Date.now() + 50 }, () => transport.call({ method: 'GET', path: '/slow', endpoint: 'GET /slow' })).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(50);
    await expect(call).resolves.toMatchObject({ code: 'LEGACY_TIMEOUT', timeoutMs: 50 });
  });

  it('refuses a call whose request has run out of time without sending it', async () => {
    // Nothing is mocked: a call sent would fail as unreachable, not as a timeout.
    await expect(runInRequestScope({ deadline: Date.now() - 1 }, () => transport.call({ method: 'GET', path: '/x', endpoint: 'GET /x' }))).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
  });

  it('keeps what failed underneath as the cause: a refused connection, an unknown host, a reset socket', async () => {
    const pool = agent.get('http://legacy.test');
    const failures = [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8101'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('getaddrinfo ENOTFOUND registry.internal'), { code: 'ENOTFOUND' }),
      Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' }),
    ];
    const once = new LegacyTransport({ system: 'test', baseUrl: 'http://legacy.test/prefix', dispatcher: agent, retry: { maxRetries: 0 } });
    for (const failure of failures) {
      pool.intercept({ path: '/prefix/x' }).replyWithError(failure);
      const error = await once.call({ method: 'GET', path: '/x', endpoint: 'GET /x' }).catch((e: unknown) => e as Error);
      expect(error).toMatchObject({ code: 'LEGACY_UNAVAILABLE', message: 'test is unreachable', cause: { code: failure.code } });
    }
  });

  it("keeps undici's own timeout as the cause of LEGACY_TIMEOUT", async () => {
    const once = new LegacyTransport({ system: 'test', baseUrl: 'http://legacy.test', dispatcher: agent, retry: { maxRetries: 0 } });
    agent
      .get('http://legacy.test')
      .intercept({ path: '/x' })
      .replyWithError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    await expect(once.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } });
  });

  it("charges a caller's share for its requests, and no share for the service's own work", async () => {
    // One call at a time per caller, none waiting: a caller's second call at once is refused unsent.
    const shared = new LegacyTransport({
      system: 'test',
      baseUrl: 'http://legacy.test',
      timeoutMs: 1_000,
      dispatcher: agent,
      fairShare: { maxConcurrentPerPrincipal: 1, maxQueuedPerPrincipal: 0 },
    });
    agent.get('http://legacy.test').intercept({ path: '/slow', method: 'GET' }).reply(200, '{}').delay(50).times(4);
    const twice = (init: Parameters<typeof runInRequestScope>[0]) =>
      runInRequestScope(init, () => Promise.allSettled([0, 1].map(() => shared.call({ method: 'GET', path: '/slow', endpoint: 'GET /slow' }))));
    const caller = await twice({ requestId: 'r', principalKey: 'resident:1' });
    expect(caller.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((caller[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'LEGACY_RATE_LIMITED' });
    const service = await twice({ requestId: 'outbox-1', work: 'service' });
    expect(service.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    await shared.close();
  });

  it('rejects bad options at once', () => {
    expect(() => new LegacyTransport({ system: 's', baseUrl: 'ftp://x' })).toThrow(/http/);
    expect(() => new LegacyTransport({ system: 's', baseUrl: 'http://x', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe('LegacyTransport over a real socket', () => {
  it('keeps ECONNREFUSED as the cause when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const transport = new LegacyTransport({ system: 'test', baseUrl: `http://127.0.0.1:${port}`, retry: { maxRetries: 0 } });
    try {
      await expect(transport.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', cause: { code: 'ECONNREFUSED' } });
    } finally {
      await transport.close();
    }
  });
});

describe('parseWire', () => {
  it('names the path and the problem, never the value', () => {
    const schema = z.object({ person: z.object({ snils: z.string() }) });
    let message = '';
    try {
      parseWire(schema, { person: { snils: 11223344595 } }, 'registry', 'GET /persons/:id');
    } catch (error) {
      message = (error as Error).message;
      expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'registry' });
    }
    expect(message).toContain('person.snils');
    expect(message).not.toContain('11223344595');
  });
});
