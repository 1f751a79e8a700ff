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

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    subgraph = await startTestSubgraph(createResidentsSubgraph, { registryUrl: registry.url });
  });
  afterAll(async () => {
    await subgraph.close();
    await registry.close();
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
