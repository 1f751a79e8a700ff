import { composeSupergraph, readCommittedSupergraph, SUBGRAPH_NAMES } from '../../schema';

describe('contracts', () => {
  it('compose into the committed supergraph (run `npm run compose` after changing a contract)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph());
  });

  it('cover all five subgraphs', () => {
    const supergraph = readCommittedSupergraph();
    for (const name of SUBGRAPH_NAMES) expect(supergraph).toContain(`name: "${name}"`);
  });

  it('keep the system keys away from clients', () => {
    const supergraph = readCommittedSupergraph();
    for (const key of ['omsNumber', 'meshPersonId', 'payerCodes', 'vehicleKeys', 'parkingAccountId']) {
      const line = supergraph.split('\n').find((l) => l.trimStart().startsWith(`${key}:`) && l.includes('@join__field(graph: RESIDENTS'));
      expect(line).toContain('@inaccessible');
    }
  });
});
