import { composeSupergraph, readCommittedSupergraph, SUBGRAPH_NAMES } from '../../schema';

describe('contracts', () => {
  it('compose into the committed supergraph (run `npm run compose` after changing a contract)', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph());
  });

  it('cover all five subgraphs', () => {
    const supergraph = readCommittedSupergraph();
    for (const name of SUBGRAPH_NAMES) expect(supergraph).toContain(`name: "${name}"`);
  });

  it('keep the system keys away from clients, sealed', () => {
    const supergraph = readCommittedSupergraph();
    for (const key of ['sealedHealthKeys', 'sealedSchoolKeys', 'sealedHousingKeys', 'sealedParkingKeys']) {
      const line = supergraph.split('\n').find((l) => l.trimStart().startsWith(`${key}:`) && l.includes('@join__field(graph: RESIDENTS'));
      expect(line).toContain('@inaccessible');
    }
    // No key travels in plain any more.
    for (const plain of ['omsNumber', 'meshPersonId', 'payerCodes', 'vehicleKeys', 'parkingAccountId']) expect(supergraph).not.toMatch(new RegExp(`^\\s+${plain}:`, 'm'));
  });
});
