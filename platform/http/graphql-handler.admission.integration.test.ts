import { ApolloServer } from '@apollo/server';
import { Registry } from 'prom-client';
import { request } from 'undici';
import { ERROR_CODES } from '../errors';
import { AdmissionControl, registerAdmissionMetrics } from './admission';
import { graphqlHandler, type HttpService, healthz, startHttpService } from './index';

/** Reads wait at a gate the test opens, so requests stay in flight without any sleep. */
class Gate {
  private opened!: () => void;
  readonly open: Promise<void> = new Promise((resolve) => (this.opened = resolve));
  release(): void {
    this.opened();
  }
}

const typeDefs = /* GraphQL */ `
  type Query { held: String, quick: String }
  type Mutation { submit: String }
`;

describe('a service at its admission limit, over HTTP', () => {
  let server: ApolloServer;
  let service: HttpService;
  let gate = new Gate();
  let contexts = 0;
  const registry = new Registry();
  // Two places: one for reads, one more for a mutation; no queue is ever measured here.
  const admission = new AdmissionControl({ initialLimit: 2, minLimit: 2, maxLimit: 2 }, { queueDelay: { standingDelayMs: () => 0, latestMs: () => 1.5 } });
  registerAdmissionMetrics(registry, admission);

  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs,
      resolvers: {
        Query: {
          held: async () => {
            await gate.open;
            return 'done';
          },
          quick: () => 'quick',
        },
        Mutation: { submit: () => 'accepted' },
      },
    });
    await server.start();
    const handler = graphqlHandler({
      server,
      // Stands for the credential check: a refused request must never get this far.
      context: async () => {
        contexts += 1;
        return {};
      },
      admission,
      reportQueueDelay: true,
    });
    service = await startHttpService({
      port: 0,
      routes: {
        '/graphql': handler,
        '/healthz': healthz,
        '/metrics': async (_req, res) => void res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics()),
      },
    });
  });
  afterAll(async () => {
    gate.release();
    await service.close();
    await server.stop();
  });

  const post = async (query: string) => {
    const res = await request(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };
  /** Polls until `condition` holds, within a deadline: the held read is under way. */
  const until = async (condition: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  it('refuses a read beyond its share at once, before any work, with 503, Retry-After and OVERLOADED', async () => {
    gate = new Gate();
    const held = post('{ held }');
    await until(() => admission.state().inFlight === 1);
    const contextsBefore = contexts;

    const refused = await post('{ quick } # SECRET-1234');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(refused.text)).toEqual({ errors: [{ message: ERROR_CODES.OVERLOADED, extensions: { code: 'OVERLOADED', retryAfterSeconds: 1 } }] });
    expect(refused.text).not.toContain('SECRET-1234');
    // Neither the document nor the credential was looked at.
    expect(contexts).toBe(contextsBefore);

    gate.release();
    expect((await held).status).toBe(200);
  });

  it('admits a mutation while reads are refused', async () => {
    gate = new Gate();
    const held = post('{ held }');
    await until(() => admission.state().inFlight === 1);
    expect((await post('{ quick }')).status).toBe(503);
    const mutation = await post('mutation { submit }');
    expect(mutation.status).toBe(200);
    expect(JSON.parse(mutation.text)).toEqual({ data: { submit: 'accepted' } });
    gate.release();
    await held;
  });

  it('never sheds its health route, and shows its state on /metrics', async () => {
    gate = new Gate();
    const held = post('{ held }');
    await until(() => admission.state().inFlight === 1);
    expect((await post('{ quick }')).status).toBe(503);
    expect((await request(`${service.url}/healthz`)).statusCode).toBe(200);
    const metrics = await (await request(`${service.url}/metrics`)).body.text();
    expect(metrics).toContain('admission_concurrency_limit 2');
    expect(metrics).toContain('admission_requests_in_flight 1');
    expect(metrics).toMatch(/admission_refusals_total\{priority="normal"\} [1-9]/);
    expect(metrics).toContain('admission_refusals_total{priority="critical"} 0');
    gate.release();
    await held;
  });

  it('admits again once what it had in flight is answered, and tells callers its queueing delay', async () => {
    expect(admission.state().inFlight).toBe(0);
    const reply = await post('{ quick }');
    expect(reply.status).toBe(200);
    expect(reply.headers['server-timing']).toBe('queue;dur=1.5');
  });
});
