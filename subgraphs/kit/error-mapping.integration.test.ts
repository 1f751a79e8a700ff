import { parse } from 'graphql';
import { LegacyTimeoutError } from '../../adapters/transport';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { DateScalar } from './scalars';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphDefinition } from './subgraph-service';
import { startTestSubgraph, type TestSubgraph } from './testing';

const toy = (): SubgraphDefinition<SubgraphContext> => ({
  name: 'toy',
  typeDefs: parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    scalar Date
    type Query {
      echo(day: Date!): Date!
      slow: String
      broken: String
    }
  `),
  resolvers: {
    Date: DateScalar,
    Query: {
      echo: (_: unknown, args: { day: string }) => args.day,
      slow: () => {
        throw new LegacyTimeoutError('emias', 'POST /x', 3000);
      },
      broken: () => {
        throw new Error('secret internal detail at http://10.0.0.1/');
      },
    },
  },
  extendContext: (base) => base,
});

describe('subgraph error mapping', () => {
  let registry: RunningSimulator;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population: new Population(), clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    subgraph = await startTestSubgraph(toy, { registryUrl: registry.url });
  });
  afterAll(async () => {
    await subgraph.close();
    await registry.close();
  });

  it('answers a malformed date with BAD_USER_INPUT, as a literal and as a variable', async () => {
    const literal = await subgraph.query('{ echo(day: "21.11.2026") }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const variable = await subgraph.query('query($d: Date!) { echo(day: $d) }', { d: '2026-13-01' });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await subgraph.query('{ echo(day: "2026-11-21") }')).data).toEqual({ echo: '2026-11-21' });
  });

  it('maps an adapter error to its code and system', async () => {
    const reply = await subgraph.query('{ slow }');
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'emias' });
  });

  it('masks an unexpected error', async () => {
    const reply = await subgraph.query('{ broken }');
    expect(reply.errors?.[0]).toMatchObject({ message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(reply)).not.toContain('10.0.0.1');
  });
});
