import { join } from 'node:path';
import { SupergraphRejected } from '../../gateway/supergraph';
import { demoResidents } from '../../legacy/population';
import { repoRoot } from '../../platform/config';
import { composeContracts, readSubgraphContracts, SUBGRAPH_NAMES } from '../../schema';
import { LIBRARY_CONTRACT, type RunningLibrary, startLibrary } from '../contracts/support/library-subgraph';
import { codes, gql } from '../security/support/http';
import { type SecureSystem, startSecureSystem } from '../security/support/secure-system';

/**
 * What docs/partners.md tells a department to do to add its own subgraph, done by hand: its
 * contract beside ours, composed, its subgraph running, and the gateway told where it is. The
 * gateway's code does not change.
 */
describe("a department's own subgraph, added by hand", () => {
  let secure: SecureSystem;
  let library: RunningLibrary;
  let supergraphSdl: string;

  beforeAll(async () => {
    secure = await startSecureSystem();
    library = await startLibrary('none', secure.keys.internal.publicJwk);
    const composed = composeContracts([...readSubgraphContracts(join(repoRoot(), 'schema')), { name: 'library', file: 'schema/library.graphql', sdl: LIBRARY_CONTRACT }]);
    if (!composed.ok) throw new Error(composed.problems.map((p) => p.what).join('\n'));
    supergraphSdl = composed.supergraphSdl;
  });
  afterAll(async () => {
    await library?.close();
    await secure?.close();
  });

  it('is served by the unchanged gateway once SUBGRAPH_LIBRARY_URL says where it runs, with our credential and our rules', async () => {
    const ours = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${secure.system.subgraphs[name].url}/graphql`]));
    const gateway = await secure.startGateway({ supergraphSdl, subgraphUrls: { ...ours, LIBRARY: library.url }, rateLimit: false });
    const family = String(demoResidents(secure.system.population).find((d) => d.key === 'family')!.person.id);
    const reply = await gql(gateway.graphqlUrl, '{ libraryOpeningHours me { fullName libraryCard { number booksOut } } }', { token: await secure.system.tokenFor(family) });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data).toEqual({ libraryOpeningHours: '10:00-22:00', me: { fullName: expect.any(String), libraryCard: { number: `L-${family}`, booksOut: 2 } } });
    // Our rules cover it as soon as it is composed: its key is reserved like ours.
    expect(codes(await gql(gateway.graphqlUrl, '{ me { libraryCard { booksOut } id: fullName } }', { token: await secure.system.tokenFor(family) }))).toEqual(['RESPONSE_KEY_RESERVED']);
  });

  it('is refused at start while the gateway does not know where it runs, naming the variable to set', async () => {
    const ours = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${secure.system.subgraphs[name].url}/graphql`]));
    const start = secure.startGateway({ supergraphSdl, subgraphUrls: ours, rateLimit: false });
    await expect(start).rejects.toThrow(SupergraphRejected);
    await expect(start).rejects.toThrow(/SUBGRAPH_LIBRARY_URL/);
  });
});
