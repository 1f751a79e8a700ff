import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { INTERNAL_CREDENTIAL_HEADER } from '../../platform/auth';
import { createResidentsSubgraph } from '../residents/service';
import { startTestSubgraph, type TestSubgraph } from './testing';

describe('a subgraph’s Apollo Server', () => {
  const population = new Population();
  const person = population.findAdult(() => true);
  const resident = { kind: 'resident' as const, personId: String(person.id) };
  let registry: RunningSimulator;
  let subgraph: TestSubgraph;

  let withRoutes: TestSubgraph;

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    subgraph = await startTestSubgraph(createResidentsSubgraph, { registryUrl: registry.url });
    // A subgraph with routes of its own, one of them trying to stand in for /graphql.
    withRoutes = await startTestSubgraph(
      (config, logger, options) => ({
        ...createResidentsSubgraph(config, logger, options),
        routes: {
          '/own/hook': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('own'),
          '/graphql': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('not the graph'),
        },
      }),
      { registryUrl: registry.url },
    );
  });
  afterAll(async () => {
    await subgraph.close();
    await withRoutes.close();
    await registry.close();
  });

  it("serves a subgraph's own routes beside the kit's, never in place of /graphql", async () => {
    const own = await request(`${withRoutes.url}/own/hook`);
    expect(await own.body.text()).toBe('own');
    const reply = await withRoutes.query<{ me: { id: string } }>('{ me { id } }', undefined, resident);
    expect(reply.data).toEqual({ me: { id: String(person.id) } });
    // Nor does an own route take the kit's credential check away from the graph.
    expect((await withRoutes.post({ query: '{ me { id } }' }, {})).status).toBe(401);
  });

  it('traces nothing for a request that asks for a federated trace (ftv1): nobody reads them', async () => {
    const reply = await subgraph.post(
      { query: '{ me { id fullName } }' },
      { [INTERNAL_CREDENTIAL_HEADER]: await subgraph.credentialFor(resident), 'apollo-federation-include-trace': 'ftv1' },
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data).toEqual({ me: { id: String(person.id), fullName: expect.any(String) } });
    expect((reply as { extensions?: Record<string, unknown> }).extensions?.ftv1).toBeUndefined();
  });
});
