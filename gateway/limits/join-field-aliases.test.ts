import { parse, specifiedRules, validate } from 'graphql';
import { composeForTest, SHOP_SUBGRAPHS } from '../../test/support/compose-supergraph';
import { readSupergraphFacts } from '../supergraph';
import { noAliasOverJoinFields } from './join-field-aliases';

describe('aliases over the fields the planner joins on', () => {
  const shop = composeForTest(SHOP_SUBGRAPHS);
  const facts = readSupergraphFacts(shop.sdl, shop.api);
  const refusals = (query: string) =>
    validate(shop.api, parse(query), [...specifiedRules, noAliasOverJoinFields(() => facts.joinFields)]).map((e) => e.extensions.code ?? e.message);

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
    const [error] = validate(shop.api, parse('{ me { secret: name orders { id } } }'), [noAliasOverJoinFields(() => facts.joinFields)]);
    expect(error?.message).not.toContain('secret');
    expect(error?.locations).toHaveLength(1);
  });
});
