import { getIntrospectionQuery } from 'graphql';
import { buildManifest, type RunningGateway, TrustedDocuments } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { RESIDENT_DASHBOARD } from '../../operations';
import { codes, gql, type RawReply, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/** The operations the production gateway of this suite trusts, a few of them hostile on purpose. */
const OPERATIONS = {
  me: 'query Me { me { id fullName } }',
  cancel: 'mutation Cancel($id: ID!) { cancelAppointment(appointmentId: $id) { cancelled } }',
  introspection: 'query Introspect { __schema { types { name } } }',
  typeIntrospection: 'query TypeIntrospect { __type(name: "Resident") { fields { name } } }',
  typo: 'query Typo { me { fullNme } }',
  broken: 'query Broken { me { id appointments { id } } }',
};
const MANIFEST = buildManifest(Object.values(OPERATIONS));
const idOf = (body: string) => MANIFEST.operations.find((o) => o.body === body)!.id;
const persisted = (body: string) => ({ persistedQuery: { version: 1, sha256Hash: idOf(body) } });

/**
 * The OWASP GraphQL cheat sheet's checks, and trusted documents, against the started system: each
 * attack is refused and costs the legacy systems nothing.
 */
describe('the GraphQL surface', () => {
  let secure: SecureSystem;
  let dev: string;
  let production: RunningGateway;
  let prod: string;
  let person: Person;
  let token: string;

  const expectNoLegacyCall = () => expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  const postPersisted = (body: string, variables?: Record<string, unknown>, withToken = true): Promise<RawReply> =>
    send(prod, {
      headers: { 'content-type': 'application/json', ...(withToken ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ extensions: persisted(body), variables }),
    });

  beforeAll(async () => {
    secure = await startSecureSystem();
    dev = secure.system.gateway.graphqlUrl;
    production = await secure.startGateway({ production: true, trustedDocuments: TrustedDocuments.fromManifest(MANIFEST) });
    prod = production.graphqlUrl;
    person = demoResidents(secure.system.population).find((d) => d.key === 'driver')!.person;
    token = await secure.system.tokenFor(person.id);
  });
  afterAll(() => secure.close());
  beforeEach(() => resetLegacyStats(secure.system));

  describe('limits (development and production alike)', () => {
    it('alias overloading: more than 10 aliases is refused, __typename counted like any field', async () => {
      const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: me { id }`).join(' ');
      expect(codes(await gql(dev, `{ ${aliases} }`, { token }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const typenames = Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ');
      expect(codes(await gql(dev, `{ ${typenames} }`, { token }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expectNoLegacyCall();
    });

    it('batching: an array of operations is refused whole', async () => {
      const reply = await send(dev, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { fullName } }' }]),
      });
      expect(reply.status).toBe(400);
      expect(reply.json?.data).toBeUndefined();
      expectNoLegacyCall();
    });

    it('directive overloading: more than 10 directives is refused', async () => {
      const fields = Array.from({ length: 11 }, () => 'id @include(if: true)').join(' ');
      expect(codes(await gql(dev, `{ me { ${fields} } }`, { token }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expectNoLegacyCall();
    });

    it('circular introspection is refused, while the standard introspection query passes in development', async () => {
      const circular = '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }';
      const viaFragments = 'query { __schema { types { ...T } } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { name } }';
      for (const query of [circular, viaFragments]) {
        const reply = await gql(dev, query);
        expect(reply.status).toBe(400);
        expect(reply.json?.data).toBeUndefined();
        expect(new Set(codes(reply))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
        expect(reply.text).toContain('Introspection may not walk a loop');
      }
      const standard = await gql(dev, getIntrospectionQuery());
      expect(codes(standard)).toEqual([]);
      expectNoLegacyCall();
    });

    it('deep nesting beyond 10 levels is refused', async () => {
      const deep = `{ me { ${'children { '.repeat(10)}id${' }'.repeat(10)} } }`;
      expect(codes(await gql(dev, deep, { token }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expectNoLegacyCall();
    });

    it('field duplication: a thousand copies of a field are refused', async () => {
      const reply = await gql(dev, `{ me { ${'fullName '.repeat(1000)} } }`, { token });
      expect(reply.status).toBe(400);
      expect(codes(reply)).toEqual(['GRAPHQL_PARSE_FAILED']);
      // Under the token limit, duplicates still cost: cost and depth bound what is planned.
      const costly = await gql(dev, `{ me { ${'children { children { fullName } } '.repeat(120)} } }`, { token });
      expect(codes(costly)).toContain('GRAPHQL_VALIDATION_FAILED');
      expectNoLegacyCall();
    });

    it('a document over 16 KB, and a list argument over 100 items, are refused', async () => {
      const big = await gql(dev, `{ me { id } } ${'#'.repeat(17 * 1024)}`, { token });
      expect(big.status).toBe(400);
      expect(codes(big)).toEqual(['BAD_USER_INPUT']);
      const submit = 'mutation($input: SubmitMeterReadingsInput!) { submitMeterReadings(input: $input, idempotencyKey: "k") { results { status } } }';
      const readings = Array.from({ length: 101 }, (_, i) => ({ meterId: String(i), value: 1 }));
      const list = await gql(dev, submit, { token, variables: { input: { payerCode: person.payerCodes[0], readings } } });
      expect(codes(list)).toEqual(['BAD_USER_INPUT']);
      expectNoLegacyCall();
    });

    it('the dashboard itself is within every limit', async () => {
      const reply = await gql(dev, RESIDENT_DASHBOARD, { token });
      expect(codes(reply).filter((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'BAD_USER_INPUT')).toEqual([]);
    });
  });

  describe('requests a browser could be tricked into sending', () => {
    it('a GET never runs a mutation', async () => {
      const query = encodeURIComponent('mutation { cancelAppointment(appointmentId: "1") { cancelled } }');
      const reply = await send(`${dev}?query=${query}`, { method: 'GET', headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
      expect(reply.status).toBe(405);
      const byId = await send(`${prod}?extensions=${encodeURIComponent(JSON.stringify(persisted(OPERATIONS.cancel)))}&variables=${encodeURIComponent('{"id":"1"}')}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      });
      expect(byId.status).toBe(405);
      expectNoLegacyCall();
    });

    it('a simple GET without a preflight header is refused (CSRF)', async () => {
      const reply = await send(`${dev}?query=${encodeURIComponent('{ me { id } }')}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(400);
      expectNoLegacyCall();
    });

    it.each([
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { cancelAppointment(appointmentId: "1") { cancelled } }')}`],
      ['text/plain', JSON.stringify({ query: 'mutation { cancelAppointment(appointmentId: "1") { cancelled } }' })],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ me { id } }\r\n--x--\r\n'],
    ])('a form post as %s is refused (CSRF)', async (contentType, body) => {
      for (const url of [dev, prod]) {
        const reply = await send(url, { headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body });
        expect(reply.status).toBe(400);
      }
      expectNoLegacyCall();
    });
  });

  describe('production', () => {
    it('runs a listed operation by id', async () => {
      const reply = await postPersisted(OPERATIONS.me);
      expect(codes(reply)).toEqual([]);
      expect(reply.json?.data).toEqual({ me: { id: String(person.id), fullName: `${person.lastName} ${person.firstName} ${person.middleName}` } });
    });

    it('refuses any operation sent as text, even a listed one, and an unknown id', async () => {
      const text = await gql(prod, OPERATIONS.me, { token });
      expect(text.status).toBe(400);
      expect(codes(text)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      const unknown = await send(prod, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
      });
      expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expectNoLegacyCall();
    });

    it('development accepts any operation as text', async () => {
      expect(codes(await gql(dev, '{ me { id } }', { token }))).toEqual([]);
    });

    it('introspection is off, even for a listed introspection operation', async () => {
      for (const body of [OPERATIONS.introspection, OPERATIONS.typeIntrospection]) {
        const reply = await postPersisted(body, undefined, false);
        expect(codes(reply)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(reply.text).not.toContain('Resident');
      }
      expectNoLegacyCall();
    });

    it('field suggestions are hidden (development shows them)', async () => {
      const reply = await postPersisted(OPERATIONS.typo);
      expect(codes(reply)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(reply.text).not.toMatch(/Did you mean|fullName/);
      const inDev = await gql(dev, OPERATIONS.typo, { token });
      expect(inDev.text).toContain('Did you mean');
      expectNoLegacyCall();
    });

    it('no Sandbox: a browser gets no landing page', async () => {
      const reply = await send(prod, { method: 'GET', headers: { accept: 'text/html' } });
      expect(reply.text).not.toMatch(/<html|sandbox/i);
      const inDev = await send(dev, { method: 'GET', headers: { accept: 'text/html' } });
      expect(inDev.text).toMatch(/<html/i);
    });

    it('leaks no stack, internal URL or raw subgraph response when a subgraph is unreachable', async () => {
      const urls = Object.fromEntries(Object.entries(secure.system.subgraphs).map(([name, s]) => [name, `${s.url}/graphql`]));
      const broken = await secure.startGateway({
        production: true,
        trustedDocuments: TrustedDocuments.fromManifest(MANIFEST),
        subgraphUrls: { ...urls, health: 'http://127.0.0.1:9/graphql' } as never,
      });
      const reply = await send(broken.graphqlUrl, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ extensions: persisted(OPERATIONS.broken) }),
      });
      expect(reply.json?.data).toMatchObject({ me: { id: String(person.id), appointments: null } });
      expect(reply.json?.errors?.length).toBeGreaterThan(0);
      for (const error of reply.json?.errors ?? [])
        expect(Object.keys(error.extensions ?? {}).every((k) => ['code', 'system', 'subgraph', 'field', 'retryAfterSeconds', 'stale'].includes(k))).toBe(true);
      expect(reply.text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|stack|stacktrace|"response"|\bat \//);
    });
  });
});
