import { copyJson, distinctRepresentations, expandEntities, requestBodyWith } from './distinct-representations';

const table = { __typename: 'Product', upc: '1', price: 899, weight: 100 };
const couch = { __typename: 'Product', upc: '2', price: 1299, weight: 1000 };

describe('an entity fetch sent with each distinct representation once', () => {
  it('keeps each distinct representation once, in the order first met, and where each entity finds it', () => {
    const distinct = distinctRepresentations([table, couch, { ...table }, table, couch]);
    expect(distinct.texts.map((text) => JSON.parse(text))).toEqual([table, couch]);
    expect(distinct.slotOf).toEqual([0, 1, 0, 0, 1]);
  });

  it('keeps apart representations that differ in any field, a @requires value included', () => {
    const cheaper = { ...table, price: 1 };
    expect(distinctRepresentations([table, cheaper, table]).slotOf).toEqual([0, 1, 0]);
  });

  it('writes the same request body JSON.stringify would, with only the distinct representations', () => {
    const payload = {
      query: 'query Q($representations:[_Any!]!,$first:Int){_entities(representations:$representations){...on Product{inStock}}}',
      operationName: 'Q',
      variables: { first: 5, skipped: undefined, representations: [table, table, couch] },
    };
    const body = requestBodyWith(payload, distinctRepresentations(payload.variables.representations));
    expect(JSON.parse(body)).toEqual({ ...payload, variables: { first: 5, representations: [table, couch] } });
    // Nothing else changes: with no repeats the body is JSON.stringify's, byte for byte.
    const once = { ...payload, variables: { first: 5, representations: [table, couch] } };
    expect(requestBodyWith(once, distinctRepresentations(once.variables.representations))).toBe(JSON.stringify(once));
  });

  it('expands the answer to one entity per representation asked, repeats as copies rather than one shared object', () => {
    const distinct = distinctRepresentations([table, couch, table]);
    const body = {
      data: {
        _entities: [
          { inStock: true, reviews: [{ id: '1' }] },
          { inStock: false, reviews: [] },
        ],
      },
    };
    expandEntities(body, distinct);
    const entities = body.data._entities as Array<{ reviews: Array<{ id: string; author?: string }> }>;
    expect(entities).toEqual([
      { inStock: true, reviews: [{ id: '1' }] },
      { inStock: false, reviews: [] },
      { inStock: true, reviews: [{ id: '1' }] },
    ]);
    // The gateway merges later fetches into each place: one place's fields must not show at another.
    entities[2]!.reviews[0]!.author = 'merged at the third place only';
    expect(entities[0]!.reviews[0]).toEqual({ id: '1' });
  });

  it('puts each error about a distinct entity at every place that asked for it, in index order, and others once', () => {
    const distinct = distinctRepresentations([table, couch, table, couch]);
    const body = {
      data: { _entities: [{ inStock: null }, null] },
      errors: [
        { message: 'no stock count', path: ['_entities', 0, 'inStock'], extensions: { code: 'LEGACY_UNAVAILABLE' } },
        { message: 'no such product', path: ['_entities', 1] },
        { message: 'about the whole fetch' },
        { message: 'an index nothing was asked for', path: ['_entities', 7] },
      ],
    };
    expandEntities(body, distinct);
    expect(body.errors).toEqual([
      { message: 'no stock count', path: ['_entities', 0, 'inStock'], extensions: { code: 'LEGACY_UNAVAILABLE' } },
      { message: 'no such product', path: ['_entities', 1] },
      { message: 'no stock count', path: ['_entities', 2, 'inStock'], extensions: { code: 'LEGACY_UNAVAILABLE' } },
      { message: 'no such product', path: ['_entities', 3] },
      { message: 'about the whole fetch' },
      { message: 'an index nothing was asked for', path: ['_entities', 7] },
    ]);
    expect(body.data._entities).toEqual([{ inStock: null }, null, { inStock: null }, null]);
  });

  it('copies a parsed "__proto__" key as the data it is, never as a prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"name":"x"}') as Record<string, unknown>;
    const copy = copyJson(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'name']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});
