import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateJwkKeyPair, InternalCredentialIssuer } from '../../platform/auth';
import { type FetchOutcome, SubgraphDataSource } from './subgraph-data-source';
import { createUndiciFetcher } from './undici-fetcher';

type Reply = { status: number; body: string; headers?: Record<string, string> } | 'hang';

/** A subgraph that answers each request as `answer` says: a status, a body and headers, or never. */
async function fakeSubgraph(answer: () => Reply): Promise<{ url: string; server: Server; requests: number }> {
  const fake = { url: '', server: createServer(), requests: 0 };
  fake.server.on('request', (req, res) => {
    fake.requests += 1;
    req.resume();
    const reply = answer();
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
  });
  const server = fake.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return fake;
}

describe('subgraph fetch outcomes, as the gateway metrics label them', () => {
  // Answers are waited for as long as a busy machine needs; only the hanging subgraph meets the short timeout.
  const fetcher = createUndiciFetcher({ timeoutMs: 30_000 });
  const hasty = createUndiciFetcher({ timeoutMs: 300 });
  let issuer: InternalCredentialIssuer;
  let reply: () => Reply = () => ({ status: 200, body: '{"data":{"x":1}}' });
  let subgraph: { url: string; server: Server; requests: number };

  beforeAll(async () => {
    issuer = await InternalCredentialIssuer.create({ privateJwk: (await generateJwkKeyPair('EdDSA', 'test')).privateJwk });
    subgraph = await fakeSubgraph(() => reply());
  });
  afterAll(async () => {
    subgraph.server.closeAllConnections();
    await new Promise((resolve) => subgraph.server.close(resolve));
    await Promise.all([fetcher.close(), hasty.close()]);
  });

  const outcomeOf = async (url = subgraph.url, using = fetcher): Promise<FetchOutcome[]> => {
    const seen: FetchOutcome[] = [];
    const observe = (name: string, outcome: FetchOutcome, seconds: number): void => {
      expect(name).toBe('health');
      expect(seconds).toBeGreaterThanOrEqual(0);
      seen.push(outcome);
    };
    const source = new SubgraphDataSource({ name: 'health', url, fetcher: using, observe }, issuer);
    await source.process({ request: { query: '{ x }' }, context: {} } as never).catch(() => undefined);
    return seen;
  };

  it('tells data, errors, a bad status, a hang and no answer apart', async () => {
    reply = () => ({ status: 200, body: '{"data":{"x":1}}' });
    expect(await outcomeOf()).toEqual(['ok']);
    reply = () => ({ status: 200, body: '{"data":{"x":null},"errors":[{"message":"EMIAS is down","extensions":{"code":"LEGACY_UNAVAILABLE"}}]}' });
    expect(await outcomeOf()).toEqual(['errors']);
    reply = () => ({ status: 503, body: '{"errors":[{"message":"draining"}]}' });
    expect(await outcomeOf()).toEqual(['http_error']);
    reply = () => ({ status: 200, body: 'not json' });
    expect(await outcomeOf()).toEqual(['failed']);
    reply = () => 'hang';
    expect(await outcomeOf(subgraph.url, hasty)).toEqual(['timeout']);
    // A subgraph that has gone away: the connection is refused.
    const gone = await fakeSubgraph(() => 'hang');
    await new Promise((resolve) => gone.server.close(resolve));
    expect(await outcomeOf(gone.url)).toEqual(['failed']);
  });

  it("takes a refusal for overload (503 or 429 with Retry-After) as that subgraph's fields unavailable, once, and says when to come back", async () => {
    const refusal = '{"errors":[{"message":"at capacity","extensions":{"code":"OVERLOADED","retryAfterSeconds":2}}]}';
    for (const status of [503, 429]) {
      reply = () => ({ status, body: refusal, headers: { 'retry-after': '2', 'server-timing': 'queue;dur=40' } });
      const reports: Array<[string, number] | 'refused'> = [];
      const load = { reportDownstreamDelay: (name: string, ms: number) => void reports.push([name, ms]), reportDownstreamRefusal: () => void reports.push('refused') };
      const seen: FetchOutcome[] = [];
      const source = new SubgraphDataSource({ name: 'health', url: subgraph.url, fetcher, observe: (_name, outcome) => seen.push(outcome), load }, issuer);
      const before = subgraph.requests;
      const answer = await source.process({
        request: {
          query: 'query Q__health__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Resident { appointments { id } } } }',
          variables: { representations: [{ __typename: 'Resident', id: '1' }] },
        },
        context: {},
      } as never);
      expect(seen).toEqual(['shed']);
      // Not retried: the subgraph saw the one request.
      expect(subgraph.requests - before).toBe(1);
      expect(answer.errors).toEqual([
        { message: expect.any(String), path: ['_entities', 0, 'appointments'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health', retryAfterSeconds: 2 } },
      ]);
      expect(reports).toEqual([['health', 40], 'refused']);
    }
  });

  it('passes on the queueing delay a subgraph reports with its answer', async () => {
    reply = () => ({ status: 200, body: '{"data":{"x":1}}', headers: { 'server-timing': 'queue;dur=3.5' } });
    const reports: Array<[string, number]> = [];
    const load = { reportDownstreamDelay: (name: string, ms: number) => void reports.push([name, ms]), reportDownstreamRefusal: () => undefined };
    const source = new SubgraphDataSource({ name: 'school', url: subgraph.url, fetcher, load }, issuer);
    await source.process({ request: { query: '{ x }' }, context: {} } as never);
    expect(reports).toEqual([['school', 3.5]]);
  });
});
