import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { repoRoot } from '../../platform/config';
import { readCommittedSupergraph } from '../../schema';
import { composeForTest, SHOP_SUBGRAPHS } from '../../test/support/compose-supergraph';
import { type CostDirectives, readSupergraphFacts } from '../supergraph';
import { estimateDemand } from './demand-cost';

function demand(directives: CostDirectives, query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return estimateDemand(operation, fragments, variables, directives);
}

describe('the demand an operation puts on the systems behind the graph', () => {
  const shop = composeForTest(SHOP_SUBGRAPHS);
  const cost = readSupergraphFacts(shop.sdl, shop.api).cost;

  it("pays a field's weight once per call, however long the list it returns", () => {
    expect(demand(cost, '{ me { name } }')).toBe(1);
    expect(demand(cost, '{ people { name } }')).toBe(2);
  });

  it("multiplies each item's selection by the list's size: slicing argument, its default, or the assumed size", () => {
    // people: 2, then per person (first: 3) orders: 3 + 10 (its default) × Order's weight 2.
    expect(demand(cost, '{ people(first: 3) { orders { id } } }')).toBe(2 + 3 * (3 + 10 * 2));
    expect(demand(cost, 'query($n: Int) { people(first: $n) { orders(first: 1) { id } } }', { n: 2 })).toBe(2 + 2 * (3 + 2));
    expect(demand(cost, '{ people { orders(first: 1) { id } } }')).toBe(2 + 5 * (3 + 2));
    expect(demand(cost, '{ me { friends { orders(first: 1) { id } } } }')).toBe(1 + 4 * (3 + 2));
  });

  it("sizes a connection's items by the slicing argument of the connection", () => {
    // me 1; page 1; 4 items × (Order 2 + 10 lines (no size known) × price 1).
    expect(demand(cost, '{ me { page(first: 4) { items { lines { price } } total } } }')).toBe(1 + 1 + 4 * (2 + 10));
  });

  it('counts fragments, and not what is skipped', () => {
    expect(demand(cost, '{ me { ...F } } fragment F on Person { orders(first: 1) { id } }')).toBe(1 + 3 + 2);
    expect(demand(cost, '{ me { ... on Person { orders(first: 1) { id } } } }')).toBe(6);
    expect(demand(cost, '{ me { orders @skip(if: true) { id } } }')).toBe(1);
    expect(demand(cost, 'query($on: Boolean!) { me { orders(first: 1) @include(if: $on) { id } } }', { on: false })).toBe(1);
  });

  it('reckons each fragment once, so fragments spread into fragments cannot make the estimate itself costly', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }`).join(' ');
    expect(demand(cost, `{ me { ...F0 } } ${levels} fragment F30 on Person { name }`)).toBe(1);
  });

  describe('on the committed supergraph', () => {
    const sdl = readCommittedSupergraph();
    const real = readSupergraphFacts(sdl, Supergraph.build(sdl).apiSchema().toGraphQLJSSchema()).cost;

    it('prices the dashboard at 36 legacy calls at most (the README says so)', () => {
      const dashboard = readFileSync(join(repoRoot(), 'operations', 'ResidentDashboard.graphql'), 'utf8');
      expect(demand(real, dashboard)).toBe(36);
    });

    it("prices availableSlots by EMIAS's per-doctor schedule fan-out, whatever `first` says", () => {
      expect(demand(real, '{ availableSlots(specialityId: "2", first: 1) { startTime } }')).toBe(6);
      const ten = Array.from({ length: 10 }, (_, i) => `s${i}: availableSlots(specialityId: "2", first: 1) { startTime }`).join(' ');
      expect(demand(real, `{ ${ten} }`)).toBe(60);
    });
  });
});
