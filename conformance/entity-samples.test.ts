import { entityPlans, ownersOfRequiredFields, selectionsFor, topLevelFields } from './entity-samples';

const HEALTH = /* GraphQL */ `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
type Resident @key(fields: "id") {
  id: ID!
  omsNumber: String @external
  vehicleKeys: [Key!]! @external
  card: Card @requires(fields: "omsNumber vehicleKeys { plate }")
  slots(from: String!): [String!]
  visits(first: Int = 5): Int
}
type Key { plate: String! }
type Card { number: String! }
type Clinic @key(fields: "id", resolvable: false) { id: ID! }
`;
const RESIDENTS = 'type Resident @key(fields: "id") { id: ID! omsNumber: String vehicleKeys: [Key!]! }\ntype Key { plate: String! }';

describe('entity samples', () => {
  it('plan what _entities selects: resolved fields, composite ones by __typename, none that need arguments', () => {
    expect(entityPlans(HEALTH)).toEqual([
      { type: 'Resident', keyFields: ['id'], selection: 'id card { __typename } visits', skipped: ['slots'], requires: ['omsNumber vehicleKeys { plate }'] },
    ]);
  });

  it('find the subgraphs that own the @requires fields, and the selections to ask them for', () => {
    const [plan] = entityPlans(HEALTH);
    expect(ownersOfRequiredFields(plan!, [{ name: 'residents', sdl: RESIDENTS }])).toEqual(
      new Map([
        ['omsNumber', ['residents']],
        ['vehicleKeys', ['residents']],
      ]),
    );
    expect(selectionsFor('omsNumber vehicleKeys { plate }', new Set(['vehicleKeys']))).toBe('vehicleKeys { plate }');
    expect(topLevelFields('a b { c } d')).toEqual(['a', 'b', 'd']);
  });
});
