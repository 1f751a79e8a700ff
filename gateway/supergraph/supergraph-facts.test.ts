import { buildASTSchema, buildSchema, parse } from 'graphql';
import { composeForTest, SHOP_SUBGRAPHS } from '../../test/support/compose-supergraph';
import { joinFieldsByType, LinkedNames, readSupergraphFacts } from './index';

describe('what the gateway reads from a supergraph', () => {
  const shop = composeForTest(SHOP_SUBGRAPHS);
  const facts = readSupergraphFacts(shop.sdl, shop.api);

  it('knows the fields the planner fetches to join: every key, nested keys, and @requires selections', () => {
    expect(facts.joinFields.get('Person')).toEqual(new Set(['id', 'code', 'secret']));
    expect(facts.joinFields.get('Code')).toEqual(new Set(['region', 'number']));
    expect(facts.joinFields.get('Order')).toBeUndefined();
  });

  it('reads @cost on fields and types, @listSize, and @requires selections', () => {
    expect(facts.cost.fieldWeight('Person', 'orders')).toBe(3);
    expect(facts.cost.typeWeight('Order')).toBe(2);
    expect(facts.cost.fieldWeight('Person', 'name')).toBeUndefined();
    expect(facts.cost.listSize('Person', 'page')).toEqual({ slicingArguments: ['first'], sizedFields: ['items'] });
    expect(facts.cost.listSize('Person', 'friends')).toEqual({ assumedSize: 4, slicingArguments: [], sizedFields: [] });
    expect(facts.cost.requires('Person', 'orders')?.selections).toHaveLength(1);
  });

  it('tells the names clients may know from those the API schema hides', () => {
    expect(facts.surface.names.has('orders')).toBe(true);
    expect(facts.surface.names.has('first')).toBe(true);
    expect(facts.surface.hidden).toEqual(new Set(['secret']));
    expect(facts.surface.scrub('Cannot query field "secret" on type "Person".')).toBe('Cannot query field "[hidden]" on type "Person".');
  });

  it('follows specs renamed with `as:` and directives imported under another name', () => {
    const sdl = /* GraphQL */ `
      schema
        @link(url: "https://specs.apollo.dev/link/v1.0")
        @link(url: "https://specs.apollo.dev/join/v0.5", as: "j", for: EXECUTION)
        @link(url: "https://specs.apollo.dev/cost/v0.1", as: "price", import: [{ name: "@listSize", as: "@size" }])
      { query: Query }
      directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
      directive @j__type(graph: j__Graph!, key: j__FieldSet) repeatable on OBJECT | INTERFACE
      directive @j__field(graph: j__Graph, requires: j__FieldSet) repeatable on FIELD_DEFINITION
      directive @price(weight: Int!) on FIELD_DEFINITION | OBJECT
      directive @size(assumedSize: Int) on FIELD_DEFINITION
      scalar link__Import
      scalar j__FieldSet
      enum link__Purpose { SECURITY EXECUTION }
      enum j__Graph { A B }
      type Query { things: [Thing] @price(weight: 7) @size(assumedSize: 3) }
      type Thing @j__type(graph: A, key: "ref") { ref: ID! label: String @j__field(graph: B, requires: "ref") }
    `;
    const document = parse(sdl);
    const names = new LinkedNames(document);
    expect(names.directive('https://specs.apollo.dev/join', 'type')).toBe('j__type');
    expect(names.directive('https://specs.apollo.dev/cost', 'cost')).toBe('price');
    expect(names.directive('https://specs.apollo.dev/cost', 'listSize')).toBe('size');
    const read = readSupergraphFacts(sdl, buildSchema('type Query { things: [Thing] } type Thing { ref: ID! label: String }'));
    expect(read.cost.fieldWeight('Query', 'things')).toBe(7);
    expect(read.cost.listSize('Query', 'things')?.assumedSize).toBe(3);
    expect(joinFieldsByType(buildASTSchema(document, { assumeValidSDL: true }), names).get('Thing')).toEqual(new Set(['ref']));
  });

  it('gives an interface the join fields of every type behind it, and a type those of its interfaces', () => {
    const sdl = /* GraphQL */ `
      schema @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query }
      directive @link(url: String, as: String, for: String, import: [String]) repeatable on SCHEMA
      directive @join__type(graph: String!, key: String) repeatable on OBJECT | INTERFACE
      type Query { node: Node }
      interface Node @join__type(graph: "A", key: "id") { id: ID! }
      type Account implements Node @join__type(graph: "A", key: "number") { id: ID! number: String! }
      union Result = Account
    `;
    const document = parse(sdl);
    const byType = joinFieldsByType(buildASTSchema(document, { assumeValidSDL: true }), new LinkedNames(document));
    expect(byType.get('Node')).toEqual(new Set(['id', 'number']));
    expect(byType.get('Account')).toEqual(new Set(['number', 'id']));
    expect(byType.get('Result')).toEqual(new Set(['number', 'id']));
  });
});
