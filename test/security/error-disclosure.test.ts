import { buildManifest, type RunningGateway, TrustedDocuments } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { codes, gql, type RawReply, send } from './support/http';
import { type SecureSystem, startSecureSystem } from './support/secure-system';
import { SupergraphReading } from './support/supergraph-reading';

const OPERATIONS = {
  appointments: 'query Appointments { me { id appointments { id } } }',
  staffRead: 'query StaffRead($id: ID!) { resident(id: $id) { fullName appointments { id } homes { payerCode } } }',
};

/**
 * What errors tell a client. Finding 14 of the security review: production errors carried
 * `extensions.serviceName`, and staff FORBIDDEN errors `extensions.field: "omsNumber"`, a field the
 * public schema hides. Finding 12 (its gateway part): an unknown `operationName` was a 500 that
 * echoed the name back, 2 KB of it in production.
 */
describe('what errors disclose', () => {
  const hidden = new SupergraphReading().hiddenNames();
  const manifest = buildManifest(Object.values(OPERATIONS));
  const idOf = (body: string) => manifest.operations.find((o) => o.body === body)!.id;
  let secure: SecureSystem;
  let production: RunningGateway;
  let family: Person;
  let token: string;

  const persisted = (body: string, options: { token?: string; variables?: Record<string, unknown>; operationName?: string } = {}): Promise<RawReply> =>
    send(production.graphqlUrl, {
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: idOf(body) } }, variables: options.variables, operationName: options.operationName }),
    });
  const expectNoHiddenName = (reply: RawReply) => {
    for (const name of hidden) expect({ name, found: reply.text.includes(name) }).toEqual({ name, found: false });
  };

  beforeAll(async () => {
    secure = await startSecureSystem();
    production = await secure.startGateway({ production: true, trustedDocuments: TrustedDocuments.fromManifest(manifest) });
    family = demoResidents(secure.system.population).find((d) => d.key === 'family')!.person;
    token = await secure.system.tokenFor(family.id);
  });
  afterAll(() => secure.close());
  afterEach(() => {
    for (const sim of Object.values(secure.system.simulators)) sim.faults.clear();
  });

  it('a subgraph error in production names the legacy system and nothing of the gateway: no serviceName', async () => {
    secure.system.simulators.emias.faults.set({ down: true });
    const reply = await persisted(OPERATIONS.appointments, { token });
    expect(reply.json?.data).toMatchObject({ me: { id: String(family.id), appointments: null } });
    expect(reply.json?.errors?.map((e) => e.extensions)).toEqual([{ code: 'LEGACY_UNAVAILABLE', system: 'emias' }]);
  });

  it.each(['development', 'production'])('staff refused a hidden key field are told FORBIDDEN, never which field (%s)', async (mode) => {
    const clerk = await secure.system.signOn.issueStaff('registry:clerk-3', ['residents:read'], 'address check');
    const variables = { id: String(family.id) };
    const reply =
      mode === 'production'
        ? await persisted(OPERATIONS.staffRead, { token: clerk, variables })
        : await gql(secure.system.gateway.graphqlUrl, OPERATIONS.staffRead, { token: clerk, variables });
    expect(codes(reply)).toContain('FORBIDDEN');
    for (const error of reply.json?.errors ?? []) {
      const field = error.extensions?.field;
      if (field !== undefined) expect(hidden.has(String(field).split('.')[0]!)).toBe(false);
      for (const part of error.path ?? []) expect(hidden.has(String(part))).toBe(false);
    }
    expectNoHiddenName(reply);
  });

  describe('an operationName the document does not have', () => {
    const name = `Unknown${'X'.repeat(2048)}`;

    it('is BAD_USER_INPUT, not a 500, and is not echoed (development)', async () => {
      const reply = await send(secure.system.gateway.graphqlUrl, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: OPERATIONS.appointments, operationName: name }),
      });
      expect([200, 400]).toContain(reply.status);
      expect(codes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.text).not.toContain('XXXXXXXX');
    });

    it('is BAD_USER_INPUT, not a 500, and is not echoed (production)', async () => {
      const reply = await persisted(OPERATIONS.appointments, { token, operationName: name });
      expect([200, 400]).toContain(reply.status);
      expect(codes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(reply.text).not.toContain('XXXXXXXX');
    });

    it('so is a document of two operations that names neither (development; production lists one per document)', async () => {
      const two = (operationName?: string) =>
        send(secure.system.gateway.graphqlUrl, {
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: 'query One { me { id } } query Two { me { fullName } }', operationName }),
        });
      const reply = await two();
      expect(reply.status).toBe(400);
      expect(codes(reply)).toEqual(['BAD_USER_INPUT']);
      expect(codes(await two('Two'))).toEqual([]);
    });
  });
});
