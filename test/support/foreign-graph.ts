import type { IncomingHttpHeaders } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';

/**
 * A small graph of a department that is not ours (a lending library of books and films), as
 * plain Apollo subgraphs: none of our names, types, credentials or error codes. It exercises what
 * a gateway must plan across subgraphs: an interface entity (`Product`) with two implementations,
 * `@interfaceObject` in two subgraphs, `@requires` of a field with arguments, `@provides`,
 * `@shareable` fields and value types, `@override`, a union, a mutation, enums, errors with and
 * without codes, and null propagation.
 */
const FEDERATION = (imports: string[]): string => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ${JSON.stringify(imports)})`;

export const FOREIGN_SUBGRAPH_NAMES = ['accounts', 'catalog', 'shipping', 'inventory', 'reviews'] as const;
export type ForeignSubgraph = (typeof FOREIGN_SUBGRAPH_NAMES)[number];

/**
 * `Book.isbn`, which the catalog serves before the supergraph has it: the field a release adds.
 * Its `@cost` is what a reload must bring to the demand limit: two of them cost more than 50.
 */
const ISBN_FIELD = '  isbn: String @cost(weight: 30)\n';

function catalogSdl(withIsbn: boolean): string {
  return /* GraphQL */ `${FEDERATION(['@key', '@shareable', '@cost'])}
enum Currency { EUR USD }
enum WeightUnit { GRAM KILOGRAM }
type Money @shareable { amount: Int! currency: Currency! }
interface Product @key(fields: "upc") {
  upc: ID!
  name: String!
  price(currency: Currency = EUR): Money!
}
type Book implements Product @key(fields: "upc") {
  upc: ID!
  name: String!
  price(currency: Currency = EUR): Money!
  pages: Int!
  weight(unit: WeightUnit = GRAM): Float!
  blurb: String
${withIsbn ? ISBN_FIELD : ''}}
type Film implements Product @key(fields: "upc") {
  upc: ID!
  name: String!
  price(currency: Currency = EUR): Money!
  minutes: Int!
}
union Media = Book | Film
type Query {
  products(first: Int = 10): [Product!]!
  product(upc: ID!): Product
  media: [Media!]!
}
`;
}

const SDL: Record<Exclude<ForeignSubgraph, 'catalog'>, string> = {
  accounts: /* GraphQL */ `${FEDERATION(['@key', '@shareable'])}
type Query { viewer: User users: [User!]! }
type User @key(fields: "id") {
  id: ID!
  name: String! @shareable
  "Moved to reviews, which counts them; the value here is stale on purpose."
  reviewCount: Int!
}
`,
  shipping: /* GraphQL */ `${FEDERATION(['@key', '@external', '@requires'])}
enum WeightUnit { GRAM KILOGRAM }
type Book @key(fields: "upc") {
  upc: ID!
  weight(unit: WeightUnit = GRAM): Float! @external
  "Cents: 150 per started kilogram."
  shippingCost: Int! @requires(fields: "weight(unit: KILOGRAM)")
}
`,
  inventory: /* GraphQL */ `${FEDERATION(['@key', '@interfaceObject', '@shareable'])}
enum Currency { EUR USD }
type Money @shareable { amount: Int! currency: Currency! }
type Product @key(fields: "upc") @interfaceObject {
  upc: ID!
  inStock: Boolean!
  restockFee: Money
  "Which inventory instance answered: tells two deployments of one subgraph apart."
  warehouse: String!
}
`,
  reviews: /* GraphQL */ `${FEDERATION(['@key', '@interfaceObject', '@external', '@provides', '@override'])}
type Review {
  id: ID!
  body: String!
  rating: Int!
  author: User @provides(fields: "name")
  product: Product
}
type User @key(fields: "id") {
  id: ID!
  name: String! @external
  reviews: [Review!]!
  reviewCount: Int! @override(from: "accounts")
}
type Product @key(fields: "upc") @interfaceObject {
  upc: ID!
  reviews: [Review!]!
}
type Query { latestReviews: [Review!]! }
type Mutation { previewReview(upc: ID!, rating: Int!, body: String!): Review! }
`,
};

interface BookRow {
  __typename: 'Book';
  upc: string;
  name: string;
  cents: number;
  pages: number | null;
  grams: number;
}
interface FilmRow {
  __typename: 'Film';
  upc: string;
  name: string;
  cents: number;
  minutes: number;
}
const PRODUCTS: Array<BookRow | FilmRow> = [
  { __typename: 'Book', upc: 'b1', name: 'Roadside Picnic', cents: 1299, pages: 224, grams: 390 },
  // Its page count is unknown: `pages` is non-null, so the error nulls the whole book.
  { __typename: 'Book', upc: 'b2', name: 'Solaris', cents: 999, pages: null, grams: 1250 },
  { __typename: 'Film', upc: 'f1', name: 'Stalker', cents: 450, minutes: 161 },
];
const USERS = [
  { id: 'u1', name: 'Kris Kelvin' },
  { id: 'u2', name: 'Hari' },
];
const REVIEWS = [
  { id: 'r1', body: 'A zone of its own.', rating: 5, authorId: 'u1', upc: 'f1' },
  { id: 'r2', body: 'The ocean thinks.', rating: 4, authorId: 'u2', upc: 'b2' },
  { id: 'r3', body: 'Short and strange.', rating: 3, authorId: 'u1', upc: 'b1' },
];
const USD_PER_EUR_PERCENT = 108;

const money = (cents: number, currency: string) => ({ amount: currency === 'USD' ? Math.round((cents * USD_PER_EUR_PERCENT) / 100) : cents, currency });
const productByUpc = (upc: string) => PRODUCTS.find((p) => p.upc === upc);
const reviewOut = (review: (typeof REVIEWS)[number]) => ({
  ...review,
  author: { id: review.authorId, name: USERS.find((u) => u.id === review.authorId)?.name },
  product: { upc: review.upc },
});

/** The catalog holds `product(upc: "slow")` until `release()` is called: a request in flight. */
export class Gate {
  private opened: (() => void) | undefined;
  private readonly open = new Promise<void>((resolve) => (this.opened = resolve));
  /** How many requests the gate holds or has held. */
  waiting = 0;

  pass(): Promise<void> {
    this.waiting += 1;
    return this.open;
  }

  release(): void {
    this.opened?.();
  }
}

function resolversOf(name: ForeignSubgraph, label: string, gate: () => Gate): Record<string, unknown> {
  switch (name) {
    case 'accounts':
      return {
        Query: { viewer: () => USERS[0], users: () => USERS },
        User: { __resolveReference: (ref: { id: string }) => USERS.find((u) => u.id === ref.id) ?? null, reviewCount: () => -1 },
      };
    case 'catalog':
      return {
        Query: {
          products: (_: unknown, args: { first: number }) => PRODUCTS.slice(0, args.first),
          product: async (_: unknown, args: { upc: string }) => {
            if (args.upc !== 'slow') return productByUpc(args.upc) ?? null;
            await gate().pass();
            return productByUpc('b1');
          },
          media: () => PRODUCTS,
        },
        Product: { __resolveReference: (ref: { upc: string }) => productByUpc(ref.upc) ?? null },
        Book: {
          __resolveReference: (ref: { upc: string }) => productByUpc(ref.upc) ?? null,
          price: (book: BookRow, args: { currency: string }) => money(book.cents, args.currency),
          pages: (book: BookRow) => {
            if (book.pages === null) throw new GraphQLError('The page count of this book is not known.', { extensions: { code: 'PAGES_UNKNOWN' } });
            return book.pages;
          },
          weight: (book: BookRow, args: { unit: string }) => (args.unit === 'KILOGRAM' ? book.grams / 1000 : book.grams),
          // A plain fault: an internal error, whose message (with an address) no client should read.
          blurb: () => {
            throw new Error('blurb store at 10.1.2.3:5432 refused the connection');
          },
          isbn: (book: BookRow) => `978-5-${book.upc}`,
        },
        Film: {
          __resolveReference: (ref: { upc: string }) => productByUpc(ref.upc) ?? null,
          price: (film: FilmRow, args: { currency: string }) => money(film.cents, args.currency),
        },
      };
    case 'shipping':
      return {
        Book: {
          __resolveReference: (ref: { upc: string; weight?: number }) => ref,
          shippingCost: (book: { weight: number }) => 150 * Math.ceil(book.weight),
        },
      };
    case 'inventory':
      return {
        Product: {
          __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
          inStock: (product: { upc: string }) => product.upc !== 'b2',
          restockFee: (product: { upc: string }) => (product.upc === 'b2' ? { amount: 200, currency: 'EUR' } : null),
          warehouse: () => label,
        },
      };
    case 'reviews':
      return {
        Query: { latestReviews: () => REVIEWS.map(reviewOut) },
        Mutation: {
          previewReview: (_: unknown, args: { upc: string; rating: number; body: string }) => {
            if (args.rating < 1 || args.rating > 5) throw new GraphQLError('A rating is 1 to 5 stars.', { extensions: { code: 'BAD_USER_INPUT' } });
            return reviewOut({ id: 'preview', body: args.body, rating: args.rating, authorId: 'u2', upc: args.upc });
          },
        },
        User: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          reviews: (user: { id: string }) => REVIEWS.filter((r) => r.authorId === user.id).map(reviewOut),
          reviewCount: (user: { id: string }) => REVIEWS.filter((r) => r.authorId === user.id).length,
        },
        Product: {
          __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
          reviews: (product: { upc: string }) => REVIEWS.filter((r) => r.upc === product.upc).map(reviewOut),
        },
      };
  }
}

/** One running subgraph: its URL and the headers of every request it received. */
export interface RunningForeignSubgraph {
  url: string;
  received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

async function startSubgraph(name: ForeignSubgraph, label: string, gate: () => Gate): Promise<RunningForeignSubgraph> {
  const typeDefs = parse(name === 'catalog' ? catalogSdl(true) : SDL[name]);
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: resolversOf(name, label, gate) as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const received: IncomingHttpHeaders[] = [];
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      received.push(req.headers);
      return {};
    },
  });
  return { url, received, stop: () => server.stop() };
}

/** The library's subgraphs running on port 0, and a second inventory (`inventory-b`) for moves. */
export interface ForeignGraph {
  subgraphs: Record<ForeignSubgraph, RunningForeignSubgraph>;
  /** Another deployment of the inventory subgraph, whose `warehouse` says `B`. */
  inventoryB: RunningForeignSubgraph;
  /** The gate `product(upc: "slow")` waits at; `newGate()` gives a fresh one. */
  gate: Gate;
  newGate(): Gate;
  /**
   * A supergraph of the library with the subgraphs' real URLs: as released (`isbn: false`), or
   * with `Book.isbn` added; with the inventory at its first deployment or at `inventory-b`.
   */
  supergraph(options?: { isbn?: boolean; inventory?: 'a' | 'b' }): string;
  stop(): Promise<void>;
}

export async function startForeignGraph(): Promise<ForeignGraph> {
  let gate = new Gate();
  const currentGate = () => gate;
  const subgraphs = {} as Record<ForeignSubgraph, RunningForeignSubgraph>;
  const started: RunningForeignSubgraph[] = [];
  try {
    for (const name of FOREIGN_SUBGRAPH_NAMES) {
      subgraphs[name] = await startSubgraph(name, 'A', currentGate);
      started.push(subgraphs[name]);
    }
    const inventoryB = await startSubgraph('inventory', 'B', currentGate);
    started.push(inventoryB);
    return {
      subgraphs,
      inventoryB,
      get gate() {
        return gate;
      },
      newGate: () => (gate = new Gate()),
      supergraph: ({ isbn = false, inventory = 'a' } = {}) => {
        const result = composeServices(
          FOREIGN_SUBGRAPH_NAMES.map((name) => ({
            name,
            url: name === 'inventory' && inventory === 'b' ? inventoryB.url : subgraphs[name].url,
            typeDefs: parse(name === 'catalog' ? catalogSdl(isbn) : SDL[name]),
          })),
        );
        if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
        return result.supergraphSdl;
      },
      stop: async () => {
        gate.release();
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
