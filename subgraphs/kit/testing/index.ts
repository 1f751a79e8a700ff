/**
 * Test helpers for subgraphs: an entry of its own, so the kit's public index (what services
 * import) ships no test code.
 */
export { type GraphQLReply, startTestSubgraph, type TestSubgraph } from './test-subgraph';
