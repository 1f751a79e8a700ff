import { demoResidents, type Person } from '../../legacy/population';
import { generateJwkKeyPair, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, type Principal } from '../../platform/auth';
import { codes, gql, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * Every path by which one person might read another's data, tried against the started system:
 * each is refused, and the legacy systems are not asked for anything. Guardianship is warmed first
 * (it is cached for a minute), so "no legacy call" means no call at all, not even the check.
 */
describe('cross-resident reads are refused, with no legacy call', () => {
  let secure: SecureSystem;
  let url: string;
  let parent: Person;
  let child: Person;
  let stranger: Person;
  let adultRelative: Person;
  let parentToken: string;

  const entitiesQuery = /* GraphQL */ `
    query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id appointments { id } medicalCard { documents { id title } } } } }
  `;
  const representation = (p: Person) => ({ __typename: 'Resident', id: String(p.id), omsNumber: p.omsNumber, birthDate: p.birthDate });
  const subgraphUrl = (name: 'residents' | 'health' | 'school' | 'housing' | 'parking') => `${secure.system.subgraphs[name].url}/graphql`;
  const credential = async (principal: Principal, audience: string) =>
    (await InternalCredentialIssuer.create({ privateJwk: secure.keys.internal.privateJwk })).credentialFor(principal, audience);

  beforeAll(async () => {
    secure = await startSecureSystem();
    url = secure.system.gateway.graphqlUrl;
    const population = secure.system.population;
    parent = demoResidents(population).find((d) => d.key === 'family')!.person;
    child = population.person(parent.childIds[0]!)!;
    stranger = demoResidents(population).find((d) => d.key === 'driver')!.person;
    // The registry lists only minors as represented: a grown-up son is as much a stranger.
    adultRelative = population.findAdult((p) => p.id !== parent.id && p.lastName === parent.lastName && p.childIds.length === 0);
    parentToken = await secure.system.tokenFor(parent.id);
    // Warm the guardianship caches of every subgraph with a legitimate read of the child.
    const warm = await gql(url, `{ resident(id: "${child.id}") { id fullName appointments { id } student { className } } }`, { token: parentToken });
    expect(codes(warm)).toEqual([]);
  });
  afterAll(() => secure.close());
  let expectedCalls: Record<string, number>;
  beforeEach(() => {
    resetLegacyStats(secure.system);
    expectedCalls = NO_LEGACY_CALLS;
  });
  afterEach(() => expect(legacyCallCounts(secure.system)).toEqual(expectedCalls));

  it('resident(id:) naming a stranger: FORBIDDEN', async () => {
    const reply = await gql(url, `{ resident(id: "${stranger.id}") { id fullName snils appointments { id } medicalCard { documents { id } } } }`, { token: parentToken });
    expect(reply.json?.data?.resident).toBeNull();
    expect(codes(reply)).toEqual(['FORBIDDEN']);
    expect(reply.text).not.toContain(stranger.lastName);
  });

  it('a parent reading an adult relative (not a represented minor): FORBIDDEN', async () => {
    const reply = await gql(url, `{ resident(id: "${adultRelative.id}") { id medicalCard { documents { id } } } }`, { token: parentToken });
    expect(reply.json?.data?.resident).toBeNull();
    expect(codes(reply)).toEqual(['FORBIDDEN']);
  });

  it('me with a forged id argument: refused by validation', async () => {
    const reply = await gql(url, `{ me(id: "${stranger.id}") { id fullName } }`, { token: parentToken });
    expect(codes(reply)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it("a stranger's keys in me-scoped arguments: the meter readings of someone else's home are refused before the housing system", async () => {
    // The resident's own payer codes come from the registry; warm that too, then count from zero.
    const submit = 'mutation($input: SubmitMeterReadingsInput!) { submitMeterReadings(input: $input, idempotencyKey: "attack-1") { results { status } } }';
    const input = { payerCode: stranger.payerCodes[0], readings: [{ meterId: '1', value: 1 }] };
    await gql(url, submit, { token: parentToken, variables: { input } });
    resetLegacyStats(secure.system);
    const reply = await gql(url, submit, { token: parentToken, variables: { input } });
    expect(codes(reply)).toEqual(['FORBIDDEN']);
    // The housing subgraph looks up the caller's own payer codes per request: their own record, not the stranger's.
    expectedCalls = { ...NO_LEGACY_CALLS, registry: 1 };
  });

  it('anonymous resident(id:): UNAUTHENTICATED', async () => {
    const reply = await gql(url, `{ resident(id: "${child.id}") { id fullName } }`);
    expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
  });

  it("a subgraph called directly, without the gateway's credential, answers 401 — _service and _entities included", async () => {
    for (const name of ['residents', 'health', 'school', 'housing', 'parking'] as const) {
      for (const query of ['{ _service { sdl } }', entitiesQuery]) {
        const reply = await send(subgraphUrl(name), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { r: [representation(stranger)] } }) });
        expect(reply.status).toBe(401);
        expect(codes(reply)).toEqual(['UNAUTHENTICATED']);
      }
    }
  });

  it('a stolen bearer token sent straight to a subgraph: 401', async () => {
    const reply = await send(subgraphUrl('health'), {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${parentToken}` },
      body: JSON.stringify({ query: entitiesQuery, variables: { r: [representation(parent)] } }),
    });
    expect(reply.status).toBe(401);
  });

  it("a captured internal credential of the parent, replayed at the subgraph with a stranger's representation: FORBIDDEN", async () => {
    const stolen = await credential({ kind: 'resident', personId: String(parent.id) }, 'health');
    const reply = await send(subgraphUrl('health'), {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: stolen },
      body: JSON.stringify({ query: entitiesQuery, variables: { r: [representation(stranger)] } }),
    });
    expect(codes(reply)).toEqual(['FORBIDDEN']);
    expect(reply.text).not.toContain(stranger.omsNumber);
  });

  it("a credential captured from one subgraph's traffic is refused by another: 401", async () => {
    const fromParking = await credential({ kind: 'resident', personId: String(stranger.id) }, 'parking');
    const reply = await send(subgraphUrl('health'), {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: fromParking },
      body: JSON.stringify({ query: entitiesQuery, variables: { r: [representation(stranger)] } }),
    });
    expect(reply.status).toBe(401);
  });

  it('a credential forged with another key naming the stranger: 401', async () => {
    const attacker = await generateJwkKeyPair('EdDSA', secure.keys.internal.publicJwk.kid ?? 'internal');
    const forged = await (await InternalCredentialIssuer.create({ privateJwk: attacker.privateJwk })).credentialFor(
      { kind: 'staff', subject: 'x', scopes: ['health:read'], purpose: 'x' },
      'health',
    );
    const reply = await send(subgraphUrl('health'), {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: forged },
      body: JSON.stringify({ query: entitiesQuery, variables: { r: [representation(stranger)] } }),
    });
    expect(reply.status).toBe(401);
  });

  it('forged principal headers sent to the gateway are ignored: the caller is still who the token says', async () => {
    const forged = await credential({ kind: 'resident', personId: String(stranger.id) }, 'residents');
    const reply = await gql(url, `{ resident(id: "${stranger.id}") { id fullName } }`, {
      token: parentToken,
      headers: { [INTERNAL_CREDENTIAL_HEADER]: forged, 'x-user-id': String(stranger.id), 'x-principal': JSON.stringify({ kind: 'staff', scopes: ['residents:read'] }) },
    });
    expect(codes(reply)).toEqual(['FORBIDDEN']);
    expect(reply.text).not.toContain(stranger.lastName);
  });

  describe('staff outside their scopes', () => {
    const staffToken = (scopes: Parameters<SecureSystem['system']['signOn']['issueStaff']>[1]) => secure.system.signOn.issueStaff('polyclinic-12:doctor-7', scopes, 'appointment 2026-11-21');

    it('a health worker asking for identity fields: FORBIDDEN', async () => {
      const reply = await gql(url, `{ resident(id: "${stranger.id}") { id fullName snils registeredAddress { text } } }`, { token: await staffToken(['health:read']) });
      expect(reply.json?.data?.resident).toBeNull();
      expect(codes(reply)).toContain('FORBIDDEN');
      expect(reply.text).not.toContain(stranger.lastName);
    });

    it('a health worker asking for school or parking fields: FORBIDDEN', async () => {
      const token = await staffToken(['health:read']);
      for (const field of ['student { className }', 'vehicles { plate }', 'homes { address }']) {
        const reply = await gql(url, `{ resident(id: "${child.id}") { id ${field} } }`, { token });
        expect(reply.json?.data?.resident).toBeNull();
        expect(codes(reply)).toContain('FORBIDDEN');
      }
    });

    it('a parking inspector asking for medical data: FORBIDDEN', async () => {
      const reply = await gql(url, `{ resident(id: "${stranger.id}") { id medicalCard { documents { id } } } }`, { token: await staffToken(['parking:read']) });
      expect(reply.json?.data?.resident).toBeNull();
      expect(codes(reply)).toContain('FORBIDDEN');
    });

    it('an auditor without a department scope: FORBIDDEN on any record', async () => {
      const reply = await gql(url, `{ resident(id: "${stranger.id}") { id } }`, { token: await staffToken(['audit:read']) });
      expect(codes(reply)).toEqual(['FORBIDDEN']);
    });

    it('staff on me, or acting for a resident: FORBIDDEN', async () => {
      const token = await staffToken(['health:read']);
      expect(codes(await gql(url, '{ me { id } }', { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(url, 'mutation { cancelAppointment(appointmentId: "1") { cancelled } }', { token }))).toEqual(['FORBIDDEN']);
    });

    it('a resident is not staff: the audit trail is FORBIDDEN to them', async () => {
      expect(codes(await gql(url, '{ auditTrail { id } }', { token: parentToken }))).toEqual(['FORBIDDEN']);
    });
  });
});

describe('what each principal may read', () => {
  let secure: SecureSystem;

  beforeAll(async () => {
    secure = await startSecureSystem();
  });
  afterAll(() => secure.close());

  it("a health worker reads a named resident's health fields, and anonymous callers read reference data", async () => {
    const person = demoResidents(secure.system.population).find((d) => d.key === 'pensioner')!.person;
    const url = secure.system.gateway.graphqlUrl;
    const token = await secure.system.signOn.issueStaff('polyclinic-12:doctor-7', ['health:read'], 'appointment 2026-11-21');
    const reply = await gql(url, `{ resident(id: "${person.id}") { id birthDate appointments { id } medicalCard { documents(first: 2) { id } } } }`, { token });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.resident).toMatchObject({ id: String(person.id), birthDate: person.birthDate });

    const parking = await gql(url, '{ parking(id: "1") { id name } }');
    expect(codes(parking).filter((c) => c !== 'NOT_FOUND')).toEqual([]);
  });
});
