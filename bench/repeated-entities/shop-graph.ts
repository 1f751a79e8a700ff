import { composeServices } from '@apollo/composition';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { graphqlHandler, type HttpService, startHttpService } from '../../platform/http';

/**
 * The shape of the public Federation gateways benchmark (graphql-hive/federation-gateways-benchmark):
 * four small subgraphs of a shop, accounts, products, inventory and reviews, in-memory and nearly
 * free, so what is measured is the gateway. Its operation asks for users and top products, their
 * reviews, each review's product, that product's reviews and their authors, and those authors'
 * reviews and products: eleven products and a few dozen users repeat all through the answer, and
 * a gateway that sends every repeat asks inventory for each product many times over.
 *
 * Nothing here is ours: no credential is checked, no error code of our registry is used, none of
 * our subgraphs' names. It is a foreign graph served by our gateway and by a stock one.
 */
export const SHOP_SUBGRAPH_NAMES = ['accounts', 'products', 'inventory', 'reviews'] as const;
export type ShopSubgraph = (typeof SHOP_SUBGRAPH_NAMES)[number];

const FEDERATION = (imports: string[]): string => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ${JSON.stringify(imports)})`;

const SDL: Record<ShopSubgraph, string> = {
  accounts: /* GraphQL */ `${FEDERATION(['@key', '@shareable'])}
type Query { me: User users: [User] }
type User @key(fields: "id") { id: ID! name: String username: String @shareable }
`,
  products: /* GraphQL */ `${FEDERATION(['@key'])}
type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }
`,
  inventory: /* GraphQL */ `${FEDERATION(['@key', '@external', '@requires'])}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}
`,
  reviews: /* GraphQL */ `${FEDERATION(['@key', '@external', '@provides', '@shareable'])}
type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
type Product @key(fields: "upc") { upc: String! reviews: [Review] }
`,
};

/** The benchmark's operation, as the public benchmark asks it. */
export const SHOP_QUERY = /* GraphQL */ `query TestQuery {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews {
          ...Review
          author {
            ...User
            reviews {
              ...Review
              product {
                ...Product
              }
            }
          }
        }
      }
    }
  }
  topProducts {
    ...Product
    reviews {
      ...Review
      author {
        ...User
        reviews {
          ...Review
          product {
            ...Product
          }
        }
      }
    }
  }
}

fragment User on User {
  id
  username
  name
}

fragment Review on Review {
  id
  body
}

fragment Product on Product {
  inStock
  name
  price
  shippingEstimate
  upc
  weight
}`;

/** How big the shop is: users, products, and reviews each user writes. */
export interface ShopSize {
  users: number;
  products: number;
  reviewsPerUser: number;
}

/**
 * The default size: a list of 50 users, each with a review of one of 11 products, so each product
 * has four or five reviews and the products and users nested in the answer repeat many times over:
 * an answer of about 100 KB, for which a stock gateway asks inventory for some 600 products.
 */
export const DEFAULT_SHOP_SIZE: ShopSize = { users: 50, products: 11, reviewsPerUser: 1 };

const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';

interface UserRow {
  id: string;
  name: string;
  username: string;
}
interface ProductRow {
  upc: string;
  name: string;
  price: number;
  weight: number;
}
interface ReviewRow {
  id: string;
  body: string;
  authorId: string;
  upc: string;
}

/** The shop's rows, the same on every run for a size. */
export function shopData(size: ShopSize = DEFAULT_SHOP_SIZE): { users: UserRow[]; products: ProductRow[]; reviews: ReviewRow[] } {
  const users = Array.from({ length: size.users }, (_, i) => ({ id: String(i + 1), name: `User ${i + 1}`, username: `user${i + 1}` }));
  const products = Array.from({ length: size.products }, (_, i) => ({ upc: String(i + 1), name: `Product ${i + 1}`, price: 100 + 37 * i, weight: 50 + 13 * i }));
  const reviews: ReviewRow[] = [];
  for (const user of users) {
    for (let r = 0; r < size.reviewsPerUser; r++) {
      const n = reviews.length;
      reviews.push({ id: String(n + 1), body: `${LOREM.slice(0, 40 + (n % 80))}`, authorId: user.id, upc: String(((Number(user.id) * 7 + r * 3) % size.products) + 1) });
    }
  }
  return { users, products, reviews };
}

/**
 * What a subgraph was asked since the last reset: requests, the entity representations they
 * carried, and how many of those repeated one already in the same request.
 */
export interface ShopCounts {
  requests: number;
  representations: number;
  repeated: number;
}

const NO_COUNTS: ShopCounts = { requests: 0, representations: 0, repeated: 0 };

/** Counts each request and the representations it carries, as the subgraph receives them. */
function countingPlugin(counts: ShopCounts): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      counts.requests += 1;
      const representations = request.variables?.representations;
      if (Array.isArray(representations)) {
        counts.representations += representations.length;
        counts.repeated += representations.length - new Set(representations.map((r) => JSON.stringify(r))).size;
      }
    },
  };
}

/** A fault for tests: inventory fails `shippingEstimate` of this product, with a coded error. */
export interface ShopFaults {
  failShippingOf?: string;
}

function resolversOf(name: ShopSubgraph, data: ReturnType<typeof shopData>, faults: ShopFaults): Record<string, unknown> {
  const userById = new Map(data.users.map((u) => [u.id, u]));
  const productByUpc = new Map(data.products.map((p) => [p.upc, p]));
  const reviewsByAuthor = groupBy(data.reviews, (r) => r.authorId);
  const reviewsByProduct = groupBy(data.reviews, (r) => r.upc);
  const reviewById = new Map(data.reviews.map((r) => [r.id, r]));
  const reviewOut = (review: ReviewRow) => ({
    id: review.id,
    body: review.body,
    author: { id: review.authorId, username: userById.get(review.authorId)?.username },
    product: { upc: review.upc },
  });
  switch (name) {
    case 'accounts':
      return {
        Query: { me: () => data.users[0], users: () => data.users },
        User: { __resolveReference: (ref: { id: string }) => userById.get(ref.id) ?? null },
      };
    case 'products':
      return {
        Query: { topProducts: (_: unknown, args: { first: number }) => data.products.slice(0, args.first) },
        Product: { __resolveReference: (ref: { upc: string }) => productByUpc.get(ref.upc) ?? null },
      };
    case 'inventory':
      return {
        Product: {
          __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ref,
          inStock: (product: { upc: string }) => Number(product.upc) % 4 !== 0,
          // As the public benchmark's inventory: free above 1000, else half the weight.
          shippingEstimate: (product: { upc: string; price?: number; weight?: number }) => {
            if (product.upc === faults.failShippingOf) throw new GraphQLError('No shipping estimate for this product.', { extensions: { code: 'ESTIMATE_UNAVAILABLE' } });
            return (product.price ?? 0) > 1000 ? 0 : Math.round((product.weight ?? 0) * 0.5);
          },
        },
      };
    case 'reviews':
      return {
        Review: {
          __resolveReference: (ref: { id: string }) => {
            const review = reviewById.get(ref.id);
            return review ? reviewOut(review) : null;
          },
        },
        User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), reviews: (user: { id: string }) => (reviewsByAuthor.get(user.id) ?? []).map(reviewOut) },
        Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }), reviews: (product: { upc: string }) => (reviewsByProduct.get(product.upc) ?? []).map(reviewOut) },
      };
  }
}

function groupBy<T>(rows: ReadonlyArray<T>, key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

/** The shop's subgraphs, running. */
export interface ShopGraph {
  urls: Record<ShopSubgraph, string>;
  /** What each subgraph has served since the last `resetCounts()`. */
  counts(): Record<ShopSubgraph, ShopCounts>;
  resetCounts(): void;
  /** The supergraph of the four, composed with `@apollo/composition`, naming the subgraphs' URLs. */
  supergraphSdl(): string;
  stop(): Promise<void>;
}

/**
 * Starts the four subgraphs on `port` 0 (each its own HTTP server in this process), each an
 * Apollo Server over `buildSubgraphSchema`, without inline tracing, usage reporting or a landing
 * page. `/graphql` serves; `/counts` answers what it has served and `DELETE /counts` resets it,
 * for a benchmark that runs them in a process of their own.
 */
export async function startShopGraph(options: { size?: ShopSize; faults?: ShopFaults } = {}): Promise<ShopGraph> {
  const data = shopData(options.size);
  const counts = Object.fromEntries(SHOP_SUBGRAPH_NAMES.map((name) => [name, { ...NO_COUNTS }])) as Record<ShopSubgraph, ShopCounts>;
  const services: Array<{ name: ShopSubgraph; service: HttpService; server: ApolloServer }> = [];
  try {
    for (const name of SHOP_SUBGRAPH_NAMES) {
      const server = new ApolloServer({
        schema: buildSubgraphSchema([{ typeDefs: parse(SDL[name]), resolvers: resolversOf(name, data, options.faults ?? {}) as never }]),
        plugins: [countingPlugin(counts[name]), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginLandingPageDisabled()],
      });
      await server.start();
      const graphql = graphqlHandler({ server, context: async () => ({}) });
      const service = await startHttpService({
        port: 0,
        routes: {
          '/graphql': graphql,
          '/counts': (req, res) => {
            if (req.method === 'DELETE') Object.assign(counts[name], NO_COUNTS);
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts[name]));
          },
        },
      });
      services.push({ name, service, server });
    }
  } catch (error) {
    await Promise.all(
      services.map(async ({ service, server }) => {
        await service.close();
        await server.stop();
      }),
    );
    throw error;
  }
  const urls = Object.fromEntries(services.map(({ name, service }) => [name, `${service.url}/graphql`])) as Record<ShopSubgraph, string>;
  return {
    urls,
    counts: () => Object.fromEntries(SHOP_SUBGRAPH_NAMES.map((name) => [name, { ...counts[name] }])) as Record<ShopSubgraph, ShopCounts>,
    resetCounts: () => {
      for (const name of SHOP_SUBGRAPH_NAMES) Object.assign(counts[name], NO_COUNTS);
    },
    supergraphSdl: () => composeShop(urls),
    stop: async () => {
      for (const { service, server } of services) {
        await service.close();
        await server.stop();
      }
    },
  };
}

/** The shop's supergraph with its subgraphs at `urls`. */
export function composeShop(urls: Readonly<Record<ShopSubgraph, string>>): string {
  const result = composeServices(SHOP_SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(SDL[name]) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
