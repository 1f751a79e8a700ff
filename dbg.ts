import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { gql } from './test/security/support/http';
import { startForeignGraph } from './test/support/foreign-graph';

async function main() {
  const f = await startForeignGraph();
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: f.supergraph(), __exposeQueryPlanExperimental: true }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  for (const q of [
    '{ products { ... on Book { weight shippingCost } } }',
    '{ products { ... on Book { weight(unit: GRAM) shippingCost } } }',
    '{ products { ... on Book { weight(unit: KILOGRAM) shippingCost } } }',
    '{ products { ... on Book { w: weight(unit: KILOGRAM) weight shippingCost } } }',
  ]) {
    const r = await gql(url, q, { headers: { 'Apollo-Query-Plan-Experimental': '1' } });
    console.log(q, JSON.stringify(r.json?.data), JSON.stringify(r.json?.errors));
    console.log((r.json as any)?.extensions?.queryPlanDescription);
  }
  await server.stop();
  await f.stop();
}
main();
