import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLSchema, parse } from 'graphql';

/** A supergraph composed from inline subgraph SDL, and its API schema, for unit tests of what reads supergraphs. */
export function composeForTest(subgraphs: Record<string, string>): { sdl: string; api: GraphQLSchema } {
  const result = composeServices(Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}.test/graphql`, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return { sdl: result.supergraphSdl, api: Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema() };
}

/**
 * Two subgraphs that exercise what the gateway reads from a supergraph: a compound and a nested
 * key, a `@requires` on a hidden field, and `@cost` / `@listSize` on fields, types, a slicing
 * argument and a connection's sized field.
 */
export const SHOP_SUBGRAPHS = {
  people: /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@inaccessible", "@cost", "@listSize"])
    type Query {
      me: Person @cost(weight: 1)
      people(first: Int = 5): [Person!]! @cost(weight: 2) @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
    }
    type Person @key(fields: "id") @key(fields: "code { region number }") {
      id: ID!
      name: String!
      code: Code!
      secret: String @inaccessible
      friends: [Person!]! @listSize(assumedSize: 4)
    }
    type Code @shareable {
      region: String!
      number: String!
    }
  `,
  orders: /* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires", "@cost", "@listSize"])
    type Person @key(fields: "id") {
      id: ID!
      secret: String @external
      orders(first: Int = 10): [Order!] @requires(fields: "secret") @cost(weight: 3) @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
      page(first: Int = 2): OrderPage @cost(weight: 1) @listSize(slicingArguments: ["first"], sizedFields: ["items"], requireOneSlicingArgument: false)
    }
    type Order @cost(weight: 2) {
      id: ID!
      lines: [Line!]!
    }
    type Line {
      sku: String!
      price: Int @cost(weight: 1)
    }
    type OrderPage {
      items: [Order!]!
      total: Int!
    }
  `,
};
