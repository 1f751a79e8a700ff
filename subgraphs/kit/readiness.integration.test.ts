import { LegacyTransport } from '../../adapters/transport';
import { type RunningSimulator, startSimulator } from '../../legacy/kit';
import { readinessHandler, readinessReport } from './readiness';

describe('readiness', () => {
  let sim: RunningSimulator;
  const open: LegacyTransport[] = [];
  const transport = (system: string, options: Partial<ConstructorParameters<typeof LegacyTransport>[0]> = {}) => {
    const made = new LegacyTransport({ system, baseUrl: sim.url, timeoutMs: 1_000, ...options });
    open.push(made);
    return made;
  };

  beforeAll(async () => {
    sim = await startSimulator({ system: 'test', routes: [{ method: 'GET', path: '/items', handle: () => ({ json: { ok: true } }) }] });
  });
  afterAll(async () => {
    await Promise.all(open.map((t) => t.close()));
    await sim.close();
  });

  it('reports each transport for /readyz: degraded while a breaker is open, 503 only while draining', async () => {
    const healthy = transport('one');
    const failing = transport('two', { breaker: { minimumCalls: 2, windowMs: 1_000 }, retry: { maxRetries: 0 } });
    expect(readinessReport([healthy, failing])).toEqual({
      status: 'ready',
      systems: [
        { system: 'one', breaker: 'closed', inFlight: 0, queued: 0, endpoints: [], recent: { calls: 0, retries: 0 } },
        { system: 'two', breaker: 'closed', inFlight: 0, queued: 0, endpoints: [], recent: { calls: 0, retries: 0 } },
      ],
    });
    sim.faults.set({ down: true });
    for (let i = 0; i < 3; i++) await failing.call({ method: 'GET', path: '/items', endpoint: 'GET /items' }).catch(() => undefined);
    expect(readinessReport([healthy, failing])).toMatchObject({ status: 'degraded', systems: [{ breaker: 'closed' }, { breaker: 'open' }] });

    let draining = false;
    const handler = readinessHandler(() => [healthy, failing], { draining: () => draining });
    const answer = (): { status: number; body: string } => {
      const res = {
        status: 0,
        body: '',
        writeHead(s: number) {
          this.status = s;
          return this;
        },
        end(b: string) {
          this.body = b;
        },
      };
      handler({} as never, res as never);
      return res;
    };
    expect(answer()).toMatchObject({ status: 200, body: expect.stringContaining('"degraded"') });
    draining = true;
    expect(answer()).toMatchObject({ status: 503, body: expect.stringContaining('"draining"') });
  });
});
