import { MockAgent } from 'undici';
import { z } from 'zod';
import { LegacyTransport, parseWire } from './index';

describe('LegacyTransport', () => {
  let agent: MockAgent;
  let transport: LegacyTransport;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    transport = new LegacyTransport({ system: 'test', baseUrl: 'http://legacy.test/prefix', timeoutMs: 200, dispatcher: agent });
  });

  afterEach(() => agent.close());

  it('sends the path under the prefix, the query and the request id', async () => {
    agent
      .get('http://legacy.test')
      .intercept({ path: '/prefix/items?a=1&b=x&b=y', method: 'GET', headers: { 'x-request-id': 'req-1' } })
      .reply(200, '{"ok":true}');
    const reply = await transport.call({ method: 'GET', path: '/items', endpoint: 'GET /items', query: { a: 1, b: ['x', 'y'], c: undefined }, requestId: 'req-1' });
    expect(reply.status).toBe(200);
    expect(transport.parseJson(reply, 'GET /items')).toEqual({ ok: true });
  });

  it('hands 4xx back to the adapter and turns 5xx into LEGACY_UNAVAILABLE', async () => {
    const pool = agent.get('http://legacy.test');
    pool.intercept({ path: '/prefix/a' }).reply(404, '{"code":"NOT_FOUND"}');
    pool.intercept({ path: '/prefix/b' }).reply(503, 'down');
    await expect(transport.call({ method: 'GET', path: '/a', endpoint: 'GET /a' })).resolves.toMatchObject({ status: 404 });
    await expect(transport.call({ method: 'GET', path: '/b', endpoint: 'GET /b' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'test' });
  });

  it('honours Retry-After on 429', async () => {
    agent.get('http://legacy.test').intercept({ path: '/prefix/a' }).reply(429, '', { headers: { 'retry-after': '7' } });
    await expect(transport.call({ method: 'GET', path: '/a', endpoint: 'GET /a' })).rejects.toMatchObject({ code: 'LEGACY_RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('ends a slow call at its deadline as LEGACY_TIMEOUT', async () => {
    agent.get('http://legacy.test').intercept({ path: '/prefix/slow' }).reply(200, '{}').delay(1000);
    const started = Date.now();
    await expect(transport.call({ method: 'GET', path: '/slow', endpoint: 'GET /slow' })).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('refuses a call whose caller deadline has already passed without sending it', async () => {
    await expect(transport.call({ method: 'GET', path: '/x', endpoint: 'GET /x', deadline: Date.now() - 1 })).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
  });

  it('turns a refused connection into LEGACY_UNAVAILABLE', async () => {
    agent.get('http://legacy.test').intercept({ path: '/prefix/x' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(transport.call({ method: 'GET', path: '/x', endpoint: 'GET /x' })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
  });

  it('rejects bad options at once', () => {
    expect(() => new LegacyTransport({ system: 's', baseUrl: 'ftp://x' })).toThrow(/http/);
    expect(() => new LegacyTransport({ system: 's', baseUrl: 'http://x', timeoutMs: 0 })).toThrow(/timeoutMs/);
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
