import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { knownOperationTypes } from '../limits';
import { OutsideVariantMarks } from './outside-variant';

/** A variant that keeps a resident's name and cards, one card kind, and no mutations. */
const variant = buildSchema(/* GraphQL */ `
  type Query { resident(id: ID!): Resident }
  type Resident { id: ID! name: String! cards(kind: CardKind): [Card!]! }
  type Card { number: String! }
  enum CardKind { LIBRARY }
`);

/** Each validation error, and whether the variant's marks claim it. */
function judged(query: string): Array<{ message: string; outside: boolean }> {
  const marks = new OutsideVariantMarks();
  return validate(variant, parse(query), [...specifiedRules, knownOperationTypes, marks.rule]).map((error) => ({ message: error.message, outside: marks.refuses(error) }));
}

describe('what a contract variant leaves out', () => {
  it.each([
    ['a field', '{ resident(id: "1") { homes { id } } }'],
    ['an argument', '{ resident(id: "1") { cards(kind: LIBRARY, expired: true) { number } } }'],
    ['an enum value', '{ resident(id: "1") { cards(kind: PARKING) { number } } }'],
    ['a type', '{ resident(id: "1") { ... on Home { id } } }'],
    ['a variable of a type', 'query ($where: HomeFilter) { resident(id: "1") { id } }'],
    ['a root operation type', 'mutation { cancel }'],
  ])('claims the refusal of %s, and that one only', (_what, query) => {
    const errors = judged(query);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => e.outside)).toHaveLength(1);
  });

  it('leaves other mistakes to GraphQL: a missing argument, a wrong value, a leaf without selection', () => {
    for (const query of ['{ resident { id } }', '{ resident(id: "1") { cards(kind: "LIBRARY") { number } } }', '{ resident(id: "1") }']) {
      const errors = judged(query);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((e) => e.outside)).toEqual([]);
    }
  });

  it('passes what the variant holds', () => {
    expect(judged('{ resident(id: "1") { __typename id name cards(kind: LIBRARY) { number } } }')).toEqual([]);
  });

  it('forgets its marks when the variant changes', () => {
    const marks = new OutsideVariantMarks();
    const [error] = validate(variant, parse('{ nothing }'), [...specifiedRules, marks.rule]);
    expect(marks.refuses(error)).toBe(true);
    marks.reset();
    expect(marks.refuses(error)).toBe(false);
  });
});
