import { ApolloServer } from '@apollo/server';
import { request } from 'undici';
import { currentRequestScope, recordStaleRead } from '../request-scope';
import { graphqlHandler, type HttpService, staleReadsPlugin, startHttpService } from './index';

interface Context {
  requestId: string;
  deadline: number;
  principalKey: string;
}

/** A resolver that reads the scope after an await, as a legacy call deep in a resolver would. */
const typeDefs = /* GraphQL */ `
  type Scope { requestId: String deadline: Float principalKey: String }
  type Query { scope: Scope, degraded: String, fresh: String }
`;
const resolvers = {
  Query: {
    scope: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const scope = currentRequestScope();
      return scope ? { requestId: scope.requestId, deadline: scope.deadline, principalKey: scope.principalKey } : null;
    },
    degraded: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      recordStaleRead({ system: 'mesh', asOf: '2026-11-21T11:45:00+03:00' });
      return 'marks as of a quarter of an hour ago';
    },
    fresh: () => 'now',
  },
};

describe('graphqlHandler and the request scope', () => {
  let server: ApolloServer<Context>;
  let service: HttpService;
  const deadline = Date.now() + 60_000;

  beforeAll(async () => {
    server = new ApolloServer<Context>({ typeDefs, resolvers, plugins: [staleReadsPlugin()] });
    await server.start();
    const handler = graphqlHandler<Context>({
      server,
      context: async (req) => ({ requestId: String(req.headers['x-request-id']), deadline, principalKey: 'resident:42' }),
      requestScope: (ctx) => ({ requestId: ctx.requestId, deadline: ctx.deadline, principalKey: ctx.principalKey }),
    });
    service = await startHttpService({ port: 0, routes: { '/graphql': handler } });
  });
  afterAll(async () => {
    await service.close();
    await server.stop();
  });

  const post = async (query: string, requestId: string) => {
    const res = await request(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query }),
    });
    return (await res.body.json()) as { data?: Record<string, unknown>; extensions?: Record<string, unknown> };
  };

  it("runs every resolver inside the request's own scope, filled from the context", async () => {
    const [a, b] = await Promise.all([post('{ scope { requestId deadline principalKey } }', 'req-a'), post('{ scope { requestId } }', 'req-b')]);
    expect(a.data?.scope).toEqual({ requestId: 'req-a', deadline, principalKey: 'resident:42' });
    expect(b.data?.scope).toEqual({ requestId: 'req-b' });
  });

  it('marks an answer with what was served stale, and only that answer', async () => {
    const [degraded, fresh] = await Promise.all([post('{ degraded fresh }', 'req-c'), post('{ fresh }', 'req-d')]);
    expect(degraded.extensions).toEqual({ stale: [{ system: 'mesh', asOf: '2026-11-21T11:45:00+03:00' }] });
    expect(degraded.data).toEqual({ degraded: 'marks as of a quarter of an hour ago', fresh: 'now' });
    expect(fresh.extensions).toBeUndefined();
  });
});
