import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFormattedError } from 'graphql';
import { SHOP_QUERY, SHOP_SUBGRAPH_NAMES, type ShopCounts, type ShopGraph, type ShopSubgraph, startShopGraph } from '../../bench/repeated-entities/shop-graph';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type RunningGateway, startGateway } from '../../gateway';
import { formatGatewayError } from '../../gateway/errors';
import { prepareSupergraph, SubgraphUrls } from '../../gateway/supergraph';
import { generateJwkKeyPair } from '../../platform/auth';
import { createLogger } from '../../platform/logging';
import { gql, type RawReply } from '../security/support/http';

/** The benchmark's shop behind our gateway and a stock `@apollo/gateway`, one product's shipping estimate failing. */
describe('an answer whose entities repeat, through our gateway and a stock @apollo/gateway', () => {
  // Product 4 is reviewed by several users, so it repeats through the answer.
  const FAILING_PRODUCT = '4';
  let shop: ShopGraph;
  let ours: RunningGateway;
  let stock: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    shop = await startShopGraph({ faults: { failShippingOf: FAILING_PRODUCT } });
    const sdl = shop.supergraphSdl();
    ours = await startGateway(
      {
        port: 0,
        host: '127.0.0.1',
        production: false,
        logLevel: 'silent',
        supergraphSdl: sdl,
        auth: { jwks: { keys: { keys: [] } }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: (await generateJwkKeyPair('EdDSA', 'shop-test')).privateJwk,
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
    await shop?.stop();
  });

  /** One answer, and what the subgraphs were asked for it. */
  const ask = async (url: string, query: string): Promise<{ reply: RawReply; asked: Record<ShopSubgraph, ShopCounts> }> => {
    shop.resetCounts();
    const reply = await gql(url, query);
    return { reply, asked: shop.counts() };
  };

  it('answers byte for byte as the stock gateway does, asking each subgraph for each distinct entity once per fetch', async () => {
    const query = SHOP_QUERY.replace(/\n {2}shippingEstimate/, '');
    const [fromStock, fromOurs] = [await ask(stock.url, query), await ask(ours.graphqlUrl, query)];
    expect(fromStock.reply.status).toBe(200);
    expect(fromStock.reply.json?.errors).toBeUndefined();
    expect(fromOurs.reply.text).toBe(fromStock.reply.text);
    // The stock gateway sends the same products and users again and again; ours, never within a request.
    expect(fromStock.asked.inventory.repeated).toBeGreaterThan(0);
    for (const name of SHOP_SUBGRAPH_NAMES) {
      expect(fromOurs.asked[name].repeated).toBe(0);
      expect(fromOurs.asked[name].requests).toBe(fromStock.asked[name].requests);
      expect(fromOurs.asked[name].representations).toBe(fromStock.asked[name].representations - fromStock.asked[name].repeated);
    }
    expect(fromOurs.asked.inventory.representations * 5).toBeLessThan(fromStock.asked.inventory.representations);
  });

  it('puts an error about a repeated entity at every place the entity sits, as the stock gateway does', async () => {
    const [fromStock, fromOurs] = [await ask(stock.url, SHOP_QUERY), await ask(ours.graphqlUrl, SHOP_QUERY)];
    expect(fromOurs.asked.inventory.repeated).toBe(0);
    expect(fromOurs.reply.json?.data).toEqual(fromStock.reply.json?.data);
    const policy = prepareSupergraph(shop.supergraphSdl(), new SubgraphUrls()).facts.surface;
    const seen = (reply: RawReply, viaPolicy: boolean) =>
      (reply.json?.errors ?? []).map((error) => {
        const formatted = viaPolicy ? formatGatewayError(error as GraphQLFormattedError, undefined, policy) : error;
        return { message: formatted.message, path: formatted.path, code: formatted.extensions?.code };
      });
    const errors = seen(fromOurs.reply, false);
    // Not vacuous: the failing product sits in many places, each with its error.
    expect(errors.length).toBeGreaterThan(5);
    expect(errors).toEqual(seen(fromStock.reply, true));
  });
});
