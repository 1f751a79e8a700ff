import type { Person } from '../../legacy/population';
import { INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, KeySeal } from '../../platform/auth';
import { addDays, dayOfAge, fromMoscow } from '../../platform/time';
import { sealKeys } from '../../subgraphs/kit';
import { codes, gql, type RawReply, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * Representation ends on the child's 18th birthday (Moscow date). The parent reads the child on
 * the eve; from the birthday on every subgraph refuses, by the graph's own check: the guardianship
 * caches still hold the registry's list from the eve, so nothing but the date decides.
 */
describe('a parent whose child turns 18', () => {
  let secure: SecureSystem;
  let url: string;
  let parent: Person;
  let child: Person;
  let birthday: string;
  let parentToken: string;
  const everySubgraph = 'id fullName appointments { id } medicalAccessLog { readerId } student { className } homes { payerCode } vehicles { plate }';

  /** `_entities` at one subgraph, as the parent, with a credential signed as the gateway signs it. */
  const entities = async (subgraph: 'residents' | 'health' | 'school' | 'housing' | 'parking', selection: string, extra: Record<string, unknown> = {}): Promise<RawReply> => {
    const credential = await (await InternalCredentialIssuer.create({ privateJwk: secure.keys.internal.privateJwk })).credentialFor(
      { kind: 'resident', personId: String(parent.id) },
      subgraph,
    );
    return send(`${secure.system.subgraphs[subgraph].url}/graphql`, {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: credential },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id ${selection} } } }`,
        variables: { r: [{ __typename: 'Resident', id: String(child.id), ...extra }] },
      }),
    });
  };

  beforeAll(async () => {
    secure = await startSecureSystem();
    url = secure.system.gateway.graphqlUrl;
    const population = secure.system.population;
    const turning18 = (id: number) => {
      const c = population.person(id);
      return c !== undefined && population.ageOf(c) === 17 && c.meshPersonId !== null;
    };
    parent = population.findAdult((p) => p.childIds.some(turning18));
    child = population.person(parent.childIds.find(turning18)!)!;
    birthday = dayOfAge(child.birthDate, 18);
    parentToken = await secure.system.tokenFor(parent.id);
  });
  afterAll(() => secure.close());

  it('reads the child on the eve of the birthday, in every subgraph', async () => {
    secure.system.clock.set(fromMoscow(addDays(birthday, -1), 23, 59));
    const reply = await gql(url, `{ me { children { id } } resident(id: "${child.id}") { ${everySubgraph} } }`, { token: parentToken });
    expect(codes(reply)).toEqual([]);
    expect((reply.json!.data!.me as { children: Array<{ id: string }> }).children.map((c) => c.id)).toContain(String(child.id));
    expect(reply.json?.data?.resident).toMatchObject({ id: String(child.id), student: { className: expect.any(String) } });
  });

  describe('from the birthday on (Moscow midnight)', () => {
    const keySeal = () => KeySeal.fromSecret(secure.keys.keySeal);
    beforeAll(() => secure.system.clock.set(fromMoscow(birthday)));
    beforeEach(() => resetLegacyStats(secure.system));

    it('the residents subgraph neither lists nor serves the child', async () => {
      const reply = await gql(url, `{ resident(id: "${child.id}") { ${everySubgraph} } }`, { token: parentToken });
      expect(reply.json?.data?.resident ?? null).toBeNull();
      expect(codes(reply)).toEqual(['FORBIDDEN']);
      expect(reply.text).not.toContain(child.lastName);
      // Refused on the cached list of wards: the registry is not asked for anything.
      expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
      const children = await gql(url, '{ me { children { id } } }', { token: parentToken });
      expect((children.json!.data!.me as { children: Array<{ id: string }> }).children.map((c) => c.id)).not.toContain(String(child.id));
    });

    it("every other subgraph refuses the child's representation, keys sealed for the child or not, with no legacy call", async () => {
      const seal = keySeal();
      const id = String(child.id);
      const replies = [
        await entities('residents', 'fullName'),
        await entities('health', 'appointments { id } medicalCard { documents { id } }', {
          sealedHealthKeys: sealKeys(seal, 'health', id, { omsNumber: child.omsNumber, birthDate: child.birthDate }),
        }),
        // The child's medical access log closes to the parent too.
        await entities('health', 'medicalAccessLog { readerId }'),
        await entities('school', 'student { className }', { sealedSchoolKeys: sealKeys(seal, 'school', id, { meshPersonId: child.meshPersonId }) }),
        await entities('housing', 'homes { payerCode }', { sealedHousingKeys: sealKeys(seal, 'housing', id, { payerCodes: child.payerCodes }) }),
        await entities('parking', 'vehicles { plate }', { sealedParkingKeys: sealKeys(seal, 'parking', id, { vehicles: child.vehicles, parkingAccountId: child.parkingAccountId }) }),
      ];
      for (const reply of replies) {
        expect(reply.json?.data?._entities ?? [null]).toEqual([null]);
        expect(codes(reply)).toEqual(['FORBIDDEN']);
      }
      expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
    });
  });
});
