import { request } from 'undici';
import { AdjustableClock } from './clock';
import { FaultTable } from './faults';
import type { SimulatorDefinition } from './http-types';
import { type RunningSimulator, startSimulator } from './simulator-server';

const definition: SimulatorDefinition = {
  system: 'toy',
  routes: [
    { method: 'GET', path: '/items/:id', handle: (req) => ({ json: { id: req.params.id, at: req.now.toISOString() } }) },
    { method: 'GET', path: '/other', handle: () => ({ json: { ok: true } }) },
  ],
  failure: (status) => ({ status, json: { error: 'toy failure' } }),
};

const admin = (sim: RunningSimulator, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
  request(`${sim.url}/__admin${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
    status: r.statusCode,
    body: (await r.body.json()) as Record<string, unknown>,
  }));

describe('simulator server', () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startSimulator(definition, { clock: new AdjustableClock(new Date('2026-11-21T09:00:00Z')) });
  });
  afterEach(() => sim.close());

  it('serves routes with path params and the pinned clock, and counts them per endpoint', async () => {
    const res = await request(`${sim.url}/items/42`);
    expect(await res.body.json()).toEqual({ id: '42', at: '2026-11-21T09:00:00.000Z' });
    await request(`${sim.url}/items/43`).then((r) => r.body.dump());
    expect((await admin(sim, 'GET', '/stats')).body).toEqual({ system: 'toy', total: 2, endpoints: { 'GET /items/:id': 2 } });
    await admin(sim, 'POST', '/stats/reset');
    expect((await admin(sim, 'GET', '/stats')).body.total).toBe(0);
  });

  it('keeps the request id each call carried, per endpoint, until the counters are reset', async () => {
    await request(`${sim.url}/items/1`, { headers: { 'x-request-id': 'first' } }).then((r) => r.body.dump());
    await request(`${sim.url}/other`, { headers: { 'x-request-id': 'elsewhere' } }).then((r) => r.body.dump());
    await request(`${sim.url}/items/2`).then((r) => r.body.dump());
    expect(sim.stats.requestIdsOf('GET /items/:id')).toEqual(['first', undefined]);
    expect(sim.stats.requestIdsOf('GET /other')).toEqual(['elsewhere']);
    sim.stats.reset();
    expect(sim.stats.requestIdsOf('GET /items/:id')).toEqual([]);
  });

  it('moves its clock through the admin endpoint', async () => {
    await admin(sim, 'POST', '/clock', { now: '2026-12-01T00:00:00+03:00' });
    const body = (await (await request(`${sim.url}/items/1`)).body.json()) as { at: string };
    expect(body.at).toBe('2026-11-30T21:00:00.000Z');
    expect((await admin(sim, 'POST', '/clock', { now: 'yesterday' })).status).toBe(400);
  });

  it('adds latency to one endpoint only', async () => {
    await admin(sim, 'POST', '/faults', { endpoint: 'GET /items/:id', latencyMs: 150 });
    const started = Date.now();
    await request(`${sim.url}/items/1`).then((r) => r.body.dump());
    // A timer never fires early, so this bound holds however busy the machine is.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // The other endpoint answers while the slow one is still held: no threshold on a busy clock.
    await admin(sim, 'POST', '/faults', { endpoint: 'GET /items/:id', latencyMs: 60_000 });
    const abort = new AbortController();
    let slowDone = false;
    const slow = request(`${sim.url}/items/1`, { signal: abort.signal })
      .then((r) => r.body.dump())
      .catch(() => undefined)
      .finally(() => {
        slowDone = true;
      });
    await request(`${sim.url}/other`).then((r) => r.body.dump());
    expect(slowDone).toBe(false);
    abort.abort();
    await slow;
  });

  it("fails with the system's own failure body at the given rate and status", async () => {
    await admin(sim, 'POST', '/faults', { errorRate: 1, status: 503 });
    const res = await request(`${sim.url}/items/1`);
    expect(res.statusCode).toBe(503);
    expect(await res.body.json()).toEqual({ error: 'toy failure' });
  });

  it.each([
    ['truncated', (text: string) => expect(() => JSON.parse(text)).toThrow()],
    ['html', (text: string) => expect(text).toContain('<html>')],
    ['empty', (text: string) => expect(text).toBe('')],
    ['wrong-shape', (text: string) => expect(JSON.parse(text)).toEqual({ unexpected: [1, 2, 3] })],
  ])('answers %s garbage with HTTP 200', async (kind, check) => {
    await admin(sim, 'POST', '/faults', { malformed: kind });
    const res = await request(`${sim.url}/items/1`);
    expect(res.statusCode).toBe(200);
    check(await res.body.text());
  });

  it('hangs until the fault is cleared, and then drops the hung request', async () => {
    await admin(sim, 'POST', '/faults', { hang: true });
    const controller = new AbortController();
    const pending = request(`${sim.url}/items/1`, { signal: controller.signal });
    const outcome = await Promise.race([
      pending.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('still waiting'), 200)),
    ]);
    expect(outcome).toBe('still waiting');
    await admin(sim, 'DELETE', '/faults');
    await expect(pending).rejects.toThrow();
  });

  it('drops connections while down but keeps its admin endpoint, and comes back', async () => {
    await admin(sim, 'POST', '/faults', { down: true });
    await expect(request(`${sim.url}/items/1`).then((r) => r.body.text())).rejects.toThrow();
    expect((await admin(sim, 'GET', '/faults')).body.system).toEqual({ down: true });
    await admin(sim, 'DELETE', '/faults');
    expect((await request(`${sim.url}/items/1`)).statusCode).toBe(200);
  });

  it('refuses a bad fault rule with the field named', async () => {
    const reply = await admin(sim, 'POST', '/faults', { errorRate: 3 });
    expect(reply.status).toBe(400);
    expect(String(reply.body.error)).toContain('errorRate');
    expect((await admin(sim, 'POST', '/faults', { malformed: 'weird' })).status).toBe(400);
    expect((await admin(sim, 'POST', '/faults', { sparkles: true })).status).toBe(400);
  });

  it("serves the system's own admin helpers behind the same access, uncounted and unbroken by faults", async () => {
    let closed = false;
    const own: SimulatorDefinition = {
      ...definition,
      adminRoutes: [{ method: 'GET', path: '/things/:id', handle: (req) => ({ json: { id: req.params.id, at: req.now.toISOString() } }) }],
      close: () => {
        closed = true;
      },
    };
    const open = await startSimulator(own, { clock: new AdjustableClock(new Date('2026-11-21T09:00:00Z')) });
    const guarded = await startSimulator(own, { admin: { kind: 'token', token: 'the-operators-admin-token' } });
    try {
      await admin(open, 'POST', '/faults', { down: true });
      expect(await admin(open, 'GET', '/things/7')).toEqual({ status: 200, body: { id: '7', at: '2026-11-21T09:00:00.000Z' } });
      expect((await admin(open, 'GET', '/stats')).body.total).toBe(0);
      expect((await admin(open, 'GET', '/nothing')).status).toBe(404);
      expect((await request(`${guarded.url}/__admin/things/7`)).statusCode).toBe(401);
    } finally {
      await open.close();
      await guarded.close();
    }
    expect(closed).toBe(true);
  });

  describe('admin access', () => {
    const ask = (target: RunningSimulator, path: string, authorization?: string) =>
      request(`${target.url}/__admin${path}`, { method: 'POST', headers: authorization ? { authorization } : {}, body: JSON.stringify({ down: true }) }).then(async (r) => ({
        status: r.statusCode,
        text: await r.body.text(),
      }));

    it('off: the admin routes answer 404 as if absent, and no fault takes', async () => {
      const closed = await startSimulator(definition, { admin: { kind: 'off' } });
      try {
        expect(await ask(closed, '/faults')).toMatchObject({ status: 404 });
        expect(closed.faults.snapshot()).toEqual(new FaultTable().snapshot());
        expect((await request(`${closed.url}/other`)).statusCode).toBe(200);
      } finally {
        await closed.close();
      }
    });

    it('token: only `Authorization: Bearer <token>` passes, and the refusal does not echo what was presented', async () => {
      const guarded = await startSimulator(definition, { admin: { kind: 'token', token: 'the-operators-admin-token' } });
      try {
        expect(await ask(guarded, '/faults')).toMatchObject({ status: 401 });
        const wrong = await ask(guarded, '/faults', 'Bearer guessed-token-value');
        expect(wrong.status).toBe(401);
        expect(wrong.text).not.toContain('guessed-token-value');
        expect((await ask(guarded, '/faults', 'Basic the-operators-admin-token')).status).toBe(401);
        expect((await ask(guarded, '/faults', 'Bearer the-operators-admin-token')).status).toBe(200);
        expect(guarded.faults.snapshot()).not.toEqual(new FaultTable().snapshot());
      } finally {
        await guarded.close();
      }
    });
  });
});
