import { buildManifest, type RunningGateway, TrustedDocuments } from '../../gateway';
import { demoResidents } from '../../legacy/population';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { SubgraphRelay } from '../support/subgraph-relay';
import { codes, gql, type RawReply, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';
import { SupergraphReading } from './support/supergraph-reading';

/**
 * Finding 4 of the security review: an alias named like a field the query planner fetches to join
 * subgraphs (`{ me { appointments { id } omsNumber: lastName } }`) returned the hidden OMS number,
 * or replaced it with a name that was then sent to EMIAS. Every such field is read here from the
 * committed supergraph (every `@key` and `@requires` field of every subgraph, and `__typename`);
 * each alias over one is refused at validation, in either order, in fragments too, in development
 * and production, and no subgraph and no legacy system is called.
 */
/** Subgraphs that extend Resident with records of their own, keyed by the resident's id alone. */
const OWN_RECORDS_ONLY = new Set(['payments']);

describe('aliases over the fields the planner joins on', () => {
  const reading = new SupergraphReading();
  const reserved = reading.joinFields();
  const hidden = reading.hiddenNames();

  /** Every reserved (type, field) a client can reach, with the queries that alias over it. */
  const cases: Array<{ type: string; field: string; queries: string[] }> = [];
  for (const [type, fields] of reserved) {
    const path = reading.pathTo(type);
    if (!path) continue;
    const rootOwners = reading.ownersOf('Query', path[0]!);
    const apiFields = reading.apiFieldsOf(type);
    // A field that makes the planner join: one that requires the aliased field, else any that
    // another subgraph than the root's resolves (its key is then fetched).
    const joined = (field: string): string => {
      const requiring = reading.fieldsRequiring(type, field).find((f) => apiFields.includes(f));
      // Never a reserved field itself (a key such as Fine.uin is resolved by several subgraphs, none the root's).
      const elsewhere = apiFields.find((f) => !fields.has(f) && reading.ownersOf(type, f).every((owner) => !rootOwners.includes(owner)));
      return reading.selectionOf(type, (requiring ?? elsewhere)!);
    };
    for (const field of [...fields, '__typename']) {
      const leaf = reading.leafOf(type, new Set([...fields, field]))!;
      const join = joined(field);
      const wrap = (inner: string) => path.reduceRight((acc, name) => `${name} { ${acc} }`, inner);
      cases.push({
        type,
        field,
        queries: [
          `{ ${wrap(`${field}: ${leaf} ${join}`)} }`,
          `{ ${wrap(`${join} ${field}: ${leaf}`)} }`,
          `{ ${wrap('...F')} } fragment F on ${type} { ${field}: ${leaf} ${join} }`,
          `{ ${wrap(`... on ${type} { ${join} ${field}: ${leaf} }`)} }`,
        ],
      });
    }
  }

  let secure: SecureSystem;
  let relays: Record<SubgraphName, SubgraphRelay>;
  let dev: RunningGateway;
  let production: RunningGateway;
  let token: string;
  const manifest = buildManifest(cases.map((c) => `query Aliased ${c.queries[0]!}`));

  const subgraphCalls = () => Object.values(relays).reduce((sum, relay) => sum + relay.count, 0);
  const expectRefusedUnseen = (reply: RawReply, field: string) => {
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['RESPONSE_KEY_RESERVED']);
    expect(reply.json?.data).toBeUndefined();
    if (hidden.has(field)) expect(reply.text).not.toContain(field);
  };

  beforeAll(async () => {
    secure = await startSecureSystem();
    relays = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await SubgraphRelay.start(`${secure.system.subgraphs[name].url}/graphql`)] as const))) as Record<
      SubgraphName,
      SubgraphRelay
    >;
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, relays[name].url])) as Record<SubgraphName, string>;
    dev = await secure.startGateway({ subgraphUrls, rateLimit: false });
    production = await secure.startGateway({ subgraphUrls, rateLimit: false, production: true, trustedDocuments: TrustedDocuments.fromManifest(manifest) });
    token = await secure.system.tokenFor(demoResidents(secure.system.population).find((d) => d.key === 'family')!.person.id);
  });
  afterAll(async () => {
    await secure.close();
    await Promise.all(Object.values(relays).map((relay) => relay.close()));
  });
  beforeEach(() => {
    resetLegacyStats(secure.system);
    for (const relay of Object.values(relays)) relay.reset();
  });

  it('finds the join fields of every subgraph in the supergraph, and each one a client cannot reach is not in the API', () => {
    // Resident's key and the keys into the legacy systems every other subgraph requires, and __typename.
    const resident = reserved.get('Resident') ?? new Set<string>();
    expect(cases.filter((c) => c.type === 'Resident').map((c) => c.field)).toEqual([...resident, '__typename']);
    for (const subgraph of reading.graphNames.values()) {
      const requiring = reading
        .apiFieldsOf('Resident')
        .filter((f) => reading.ownersOf('Resident', f).includes(subgraph) && [...resident].some((r) => reading.fieldsRequiring('Resident', r).includes(f)));
      // Payments keeps its own records by the resident's id (checked by the access policy) and needs no key into a legacy system.
      if (subgraph !== reading.ownersOf('Query', 'me')[0] && !OWN_RECORDS_ONLY.has(subgraph)) expect({ subgraph, requires: requiring.length > 0 }).toEqual({ subgraph, requires: true });
    }
    for (const type of reserved.keys()) if (!reading.pathTo(type)) expect(reading.api.getType(type)).toBeUndefined();
  });

  it.each(cases.map((c) => [`${c.type}.${c.field}`, c] as const))('refuses an alias named %s, in either order and in fragments, before any call', async (_name, { field, queries }) => {
    for (const query of queries) expectRefusedUnseen(await gql(dev.graphqlUrl, query, { token }), field);
    expect(subgraphCalls()).toBe(0);
    expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  });

  it('refuses them in production too, even as a listed operation', async () => {
    for (const { id, body } of manifest.operations) {
      const reply = await send(production.graphqlUrl, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      });
      expect({ body, codes: codes(reply) }).toEqual({ body, codes: ['RESPONSE_KEY_RESERVED'] });
    }
    expect(subgraphCalls()).toBe(0);
    expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  });

  it('still answers the join fields asked under their own names, beside the fields that need them', async () => {
    const reply = await gql(dev.graphqlUrl, '{ me { id birthDate appointments { id } homes { payerCode } } }', { token });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.me).toMatchObject({ birthDate: expect.any(String), appointments: expect.any(Array), homes: expect.any(Array) });
  });
});
