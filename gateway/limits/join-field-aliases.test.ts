import { parse, specifiedRules, validate } from 'graphql';
import { composeForTest, SHOP_SUBGRAPHS } from '../../test/support/compose-supergraph';
import { readSupergraphFacts } from '../supergraph';
import { noAliasOverJoinFields } from './join-field-aliases';

describe('aliases over the fields the planner joins on', () => {
  const shop = composeForTest(SHOP_SUBGRAPHS);
  const facts = readSupergraphFacts(shop.sdl, shop.api);
  const refusals = (query: string) => validate(shop.api, parse(query), [...specifiedRules, noAliasOverJoinFields(() => facts.joinSelections)]).map((e) => e.extensions.code ?? e.message);

  it.each([
    ['a hidden @requires field', '{ me { secret: name orders { id } } }'],
    ['the same, alias after the join', '{ me { orders { id } secret: name } }'],
    ['a key field', '{ me { id: name } }'],
    ['a compound key field', '{ me { code: friends { id } } }'],
    ['a field of a nested key', '{ me { code { region: number } } }'],
    ['__typename', '{ me { __typename: name } }'],
    ['a key field asked with arguments', '{ people { id: name } }'],
    ['a named fragment', '{ me { ...F } } fragment F on Person { secret: name orders { id } }'],
    ['an inline fragment', '{ me { ... on Person { orders { id } id: name } } }'],
  ])('refuses an alias named like %s', (_what, query) => {
    expect(refusals(query)).toEqual(['RESPONSE_KEY_RESERVED']);
  });

  it('lets the join fields be asked under their own names, and other aliases through', () => {
    expect(refusals('{ me { id code { region number } name orders { id } } }')).toEqual([]);
    expect(refusals('{ me { n: name key: id t: __typename __typename first: orders(first: 1) { id } } }')).toEqual([]);
    expect(refusals('{ people { orderId: id } }')).toEqual([]);
  });

  it('names neither the alias nor the field it would shadow', () => {
    const [error] = validate(shop.api, parse('{ me { secret: name orders { id } } }'), [noAliasOverJoinFields(() => facts.joinSelections)]);
    expect(error?.message).not.toContain('secret');
    expect(error?.locations).toHaveLength(1);
  });

  describe('a @requires of a field with arguments', () => {
    // Shipping needs the weight in kilograms; a client may ask for it in grams (the default).
    const parcels = composeForTest({
      catalog: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
        enum Unit { GRAM KILOGRAM }
        type Query { books: [Book!]! }
        type Book @key(fields: "upc") { upc: ID! weight(unit: Unit = GRAM): Float! }
      `,
      shipping: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires"])
        enum Unit { GRAM KILOGRAM }
        type Book @key(fields: "upc") { upc: ID! weight(unit: Unit = GRAM): Float! @external cost: Int! @requires(fields: "weight(unit: KILOGRAM)") }
      `,
    });
    const parcelFacts = readSupergraphFacts(parcels.sdl, parcels.api);
    const parcelRefusals = (query: string) =>
      validate(parcels.api, parse(query), [...specifiedRules, noAliasOverJoinFields(() => parcelFacts.joinSelections)]).map((e) => e.extensions.code ?? e.message);

    it('lets the client ask for the very field the planner fetches, arguments and all', () => {
      expect(parcelRefusals('{ books { weight(unit: KILOGRAM) cost } }')).toEqual([]);
      expect(parcelRefusals('{ books { grams: weight cost } }')).toEqual([]);
    });

    it("refuses the field under its own name with other arguments, given or by default: the planner would pass the client's value on as its own", () => {
      expect(parcelRefusals('{ books { weight cost } }')).toEqual(['RESPONSE_KEY_RESERVED']);
      expect(parcelRefusals('{ books { weight(unit: GRAM) } }')).toEqual(['RESPONSE_KEY_RESERVED']);
      expect(parcelRefusals('query ($u: Unit!) { books { weight(unit: $u) } }')).toEqual(['RESPONSE_KEY_RESERVED']);
      expect(parcelRefusals('{ books { weight: upc } }')).toEqual(['RESPONSE_KEY_RESERVED']);
    });
  });
});
