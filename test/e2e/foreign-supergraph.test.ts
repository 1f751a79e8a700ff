import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFormattedError } from 'graphql';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type RunningGateway, startGateway } from '../../gateway';
import { formatGatewayError } from '../../gateway/errors';
import { type PublicSurface, prepareSupergraph, SubgraphUrls } from '../../gateway/supergraph';
import { DevSignOn } from '../../legacy/sign-on';
import { generateJwkKeyPair, INTERNAL_CREDENTIAL_HEADER, InternalCredentialVerifier, type JwkKeyPair } from '../../platform/auth';
import { createLogger } from '../../platform/logging';
import { gql, type RawReply } from '../security/support/http';
import { FOREIGN_SUBGRAPH_NAMES, type ForeignGraph, startForeignGraph } from '../support/foreign-graph';

/**
 * What a client can compare of an answer: the HTTP status, the data, and each error's message,
 * path and code. Locations and other extensions are left out: the stock gateway passes on what
 * subgraphs add (`serviceName`, stack traces), which our error policy drops by design.
 */
function answer(reply: RawReply, policy?: PublicSurface): unknown {
  const errors = reply.json?.errors?.map((error) => {
    const formatted = policy ? formatGatewayError(error as GraphQLFormattedError, undefined, policy) : error;
    return { message: formatted.message, path: formatted.path, code: formatted.extensions?.code };
  });
  return { status: reply.status, data: reply.json?.data, ...(errors ? { errors } : {}) };
}

/**
 * The operations compared: every planning feature of the library's graph, once or more, and
 * errors of each kind (a subgraph's coded error, an internal fault, a null propagated, a bad
 * variable, a field that does not exist, a syntax error, a mutation refused).
 */
const OPERATIONS: Array<[title: string, query: string, variables: Record<string, unknown>]> = [
  ['an interface entity, with a default argument', '{ products { __typename upc name price { amount currency } } }', {}],
  ['@requires of a field with arguments', '{ products(first: 2) { upc ... on Book { pages weight(unit: KILOGRAM) shippingCost } ... on Film { minutes } } }', {}],
  [
    '@interfaceObject fields of two subgraphs, and @provides',
    '{ product(upc: "b1") { name inStock warehouse restockFee { amount currency } reviews { rating body author { id name } } } }',
    {},
  ],
  ['@provides, then @override across subgraphs', '{ latestReviews { body author { name reviewCount reviews { rating } } } }', {}],
  ['@override from the owning subgraph', '{ viewer { id name reviewCount reviews { body } } users { id name } }', {}],
  ['an interface object resolved to its concrete type', '{ latestReviews { product { __typename upc name ... on Book { pages } ... on Film { minutes } } } }', {}],
  ['a union over entities, with @interfaceObject fields', '{ media { __typename ... on Book { upc inStock shippingCost } ... on Film { upc name warehouse } } }', {}],
  ['@shareable value types from two subgraphs', '{ products { upc price(currency: USD) { amount currency } restockFee { amount currency } } }', {}],
  ['a coded error in a non-null field, nulling its parent', '{ product(upc: "b2") { name ... on Book { pages } } }', {}],
  ['an internal fault in a nullable field', '{ product(upc: "b1") { name ... on Book { blurb } } }', {}],
  ['a product that does not exist', '{ product(upc: "nope") { name } }', {}],
  ['variables', 'query Price($currency: Currency!) { products { price(currency: $currency) { amount currency } } }', { currency: 'USD' }],
  ['a variable of the wrong value', 'query Price($currency: Currency!) { products { price(currency: $currency) { amount } } }', { currency: 'GBP' }],
  ['a field that does not exist', '{ products { colour } }', {}],
  ['a syntax error', '{ products { upc ', {}],
  ['aliases and fragments', '{ a: product(upc: "b1") { ...Item } b: product(upc: "f1") { ...Item } } fragment Item on Product { upc name inStock }', {}],
  ['a mutation', 'mutation { previewReview(upc: "f1", rating: 5, body: "Again.") { rating body author { name } product { name } } }', {}],
  ['a mutation the subgraph refuses', 'mutation { previewReview(upc: "f1", rating: 9, body: "Too good.") { rating } }', {}],
];

describe('a foreign supergraph, served by our gateway and by a stock @apollo/gateway', () => {
  let foreign: ForeignGraph;
  let ours: RunningGateway;
  let stock: { url: string; stop(): Promise<void> };
  let internal: JwkKeyPair;
  let policy: PublicSurface;

  beforeAll(async () => {
    foreign = await startForeignGraph();
    const sdl = foreign.supergraph();
    policy = prepareSupergraph(sdl, new SubgraphUrls()).facts.surface;
    internal = await generateJwkKeyPair('EdDSA', 'foreign-test');
    const signOn = await DevSignOn.create(await generateJwkKeyPair('ES256', 'foreign-sign-on'));
    ours = await startGateway(
      {
        port: 0,
        host: '127.0.0.1',
        production: false,
        logLevel: 'silent',
        // Nothing but the file: every subgraph URL comes from its @join__graph(url:).
        supergraphSdl: sdl,
        auth: { jwks: { keys: signOn.jwks() }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: internal.privateJwk,
        subgraphTimeoutMs: 10_000,
        subgraphConnections: 8,
        rateLimit: false,
      },
      { logger: createLogger({ service: 'gateway', level: 'silent' }) },
    );
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: sdl }) });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    stock = { url, stop: () => server.stop() };
  });

  afterAll(async () => {
    await ours?.close();
    await stock?.stop();
    await foreign?.stop();
  });

  // Every row has all three values: jest would take a missing one's parameter for `done`.
  it.each(OPERATIONS)('%s: the same answer, under our error policy', async (_title, query, variables) => {
    const [fromOurs, fromStock] = await Promise.all([gql(ours.graphqlUrl, query, { variables }), gql(stock.url, query, { variables })]);
    expect(answer(fromOurs)).toEqual(answer(fromStock, policy));
    // Not vacuous: each answer holds data or errors.
    expect(fromStock.json?.data ?? fromStock.json?.errors).toBeTruthy();
  });

  it('sends every subgraph our internal credential, addressed to it alone, as it does ours', async () => {
    for (const name of FOREIGN_SUBGRAPH_NAMES) foreign.subgraphs[name].received.length = 0;
    for (const [, query, variables] of OPERATIONS) await gql(ours.graphqlUrl, query, { variables });
    const verifier = await InternalCredentialVerifier.create(internal.publicJwk);
    for (const name of FOREIGN_SUBGRAPH_NAMES) {
      const received = foreign.subgraphs[name].received;
      expect(received.length).toBeGreaterThan(0);
      for (const headers of received) {
        const credential = headers[INTERNAL_CREDENTIAL_HEADER];
        expect(typeof credential).toBe('string');
        await expect(verifier.verify(credential as string, name)).resolves.toEqual({ kind: 'anonymous' });
        const other = FOREIGN_SUBGRAPH_NAMES.find((n) => n !== name)!;
        await expect(verifier.verify(credential as string, other)).rejects.toThrow();
      }
    }
  });

  it('applies our limits to a foreign graph as to ours: an alias over a join field is refused before any subgraph is called', async () => {
    for (const name of FOREIGN_SUBGRAPH_NAMES) foreign.subgraphs[name].received.length = 0;
    const reply = await gql(ours.graphqlUrl, '{ products { upc: name } }');
    expect(reply.status).toBe(400);
    expect(reply.json?.errors?.map((e) => e.extensions?.code)).toEqual(['RESPONSE_KEY_RESERVED']);
    expect(FOREIGN_SUBGRAPH_NAMES.map((name) => foreign.subgraphs[name].received.length)).toEqual([0, 0, 0, 0, 0]);
    // The stock gateway has no such rule and answers it.
    expect((await gql(stock.url, '{ products { upc: name } }')).status).toBe(200);
  });

  it('refuses a @requires field asked with other arguments, which the stock gateway passes on as the required value', async () => {
    const query = '{ product(upc: "b1") { ... on Book { weight shippingCost } } }';
    const refused = await gql(ours.graphqlUrl, query);
    expect(refused.status).toBe(400);
    expect(refused.json?.errors?.map((e) => e.extensions?.code)).toEqual(['RESPONSE_KEY_RESERVED']);
    // 390 g is one started kilogram: 150 cents. The stock gateway hands shipping the client's
    // grams as the kilograms it requires, and answers 390 × 150.
    expect((await gql(stock.url, query)).json?.data).toEqual({ product: { weight: 390, shippingCost: 58_500 } });
    expect((await gql(ours.graphqlUrl, '{ product(upc: "b1") { ... on Book { grams: weight weight(unit: KILOGRAM) shippingCost } } }')).json?.data).toEqual({
      product: { grams: 390, weight: 0.39, shippingCost: 150 },
    });
  });

  it('applies our error policy to a foreign subgraph that cannot be reached: only its fields are null, and the subgraph is named', async () => {
    const sdl = foreign.supergraph();
    const apart = await startGateway(
      {
        port: 0,
        host: '127.0.0.1',
        production: false,
        logLevel: 'silent',
        supergraphSdl: sdl,
        // An override by name: this deployment's inventory is nowhere.
        subgraphUrls: { inventory: 'http://127.0.0.1:9/graphql' },
        auth: { jwks: { keys: { keys: [] } }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: internal.privateJwk,
        subgraphTimeoutMs: 2_000,
        subgraphConnections: 2,
        rateLimit: false,
      },
      { logger: createLogger({ service: 'gateway', level: 'silent' }) },
    );
    try {
      const reply = await gql(apart.graphqlUrl, '{ product(upc: "f1") { name inStock } }');
      expect(reply.json?.data).toEqual({ product: null });
      expect(reply.json?.errors?.map((e) => ({ code: e.extensions?.code, subgraph: e.extensions?.subgraph }))).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'inventory' }]);
      const nullable = await gql(apart.graphqlUrl, '{ product(upc: "f1") { name restockFee { amount } } }');
      expect(nullable.json?.data).toEqual({ product: { name: 'Stalker', restockFee: null } });
    } finally {
      await apart.close();
    }
  });
});
