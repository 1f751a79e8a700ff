import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateJwkKeyPair, InternalCredentialIssuer } from '../../platform/auth';
import { SubgraphDataSource, type FetchOutcome } from './subgraph-data-source';
import { createUndiciFetcher } from './undici-fetcher';

/** A subgraph that answers each request as `answer` says: a status and a body, or never. */
async function fakeSubgraph(answer: () => { status: number; body: string } | 'hang'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    const reply = answer();
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

describe('subgraph fetch outcomes, as the gateway metrics label them', () => {
  const fetcher = createUndiciFetcher({ timeoutMs: 300 });
  let issuer: InternalCredentialIssuer;
  let reply: () => { status: number; body: string } | 'hang' = () => ({ status: 200, body: '{"data":{"x":1}}' });
  let subgraph: { url: string; server: Server };

  beforeAll(async () => {
    issuer = await InternalCredentialIssuer.create({ privateJwk: (await generateJwkKeyPair('EdDSA', 'test')).privateJwk });
    subgraph = await fakeSubgraph(() => reply());
  });
  afterAll(async () => {
    subgraph.server.closeAllConnections();
    await new Promise((resolve) => subgraph.server.close(resolve));
    await fetcher.close();
  });

  const outcomeOf = async (url = subgraph.url): Promise<FetchOutcome[]> => {
    const seen: FetchOutcome[] = [];
    const observe = (name: string, outcome: FetchOutcome, seconds: number): void => {
      expect(name).toBe('health');
      expect(seconds).toBeGreaterThanOrEqual(0);
      seen.push(outcome);
    };
    const source = new SubgraphDataSource({ name: 'health', url, fetcher, observe }, issuer);
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
    expect(await outcomeOf()).toEqual(['timeout']);
    // A subgraph that has gone away: the connection is refused.
    const gone = await fakeSubgraph(() => 'hang');
    await new Promise((resolve) => gone.server.close(resolve));
    expect(await outcomeOf(gone.url)).toEqual(['failed']);
  });
});
