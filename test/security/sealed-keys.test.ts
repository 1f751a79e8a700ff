import { randomUUID } from 'node:crypto';
import { demoResidents, type Person } from '../../legacy/population';
import type { AuditTrail, StoredAuditEvent } from '../../platform/audit';
import { INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, KeySeal } from '../../platform/auth';
import { type KeyAudience, type SealedKeys, sealKeys } from '../../subgraphs/kit';
import { codes, gql, type RawReply, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * A subgraph acts on a key into a legacy system only when the registry's seal proves it belongs to
 * the resident the representation names. Replayed at each consumer subgraph's `_entities` with a
 * genuine internal credential of resident A (signed as the gateway signs it), A's own id and
 * anyone else's keys — in plain, in B's genuine seal, in an expired seal, in a seal for another
 * subgraph — are FORBIDDEN, no legacy system is asked anything, and the refused read is in the
 * audit trail under the person whose data was asked for.
 */
describe("keys into legacy systems are proven by the registry's seal", () => {
  let secure: SecureSystem;
  let trail: AuditTrail;
  let keySeal: KeySeal;
  let a: Person;
  let b: Person;
  /** A pupil who is not A's child: the school keys "B's" stands for. */
  let bPupil: Person;

  const keysOf = {
    health: (p: Person): SealedKeys<'health'> => ({ omsNumber: p.omsNumber, birthDate: p.birthDate }),
    school: (p: Person): SealedKeys<'school'> => ({ meshPersonId: p.meshPersonId }),
    housing: (p: Person): SealedKeys<'housing'> => ({ payerCodes: p.payerCodes }),
    parking: (p: Person): SealedKeys<'parking'> => ({ vehicles: p.vehicles, parkingAccountId: p.parkingAccountId }),
  };
  /** The keys as the reviewer sent them: the old field names, in plain. */
  const plainKeysOf = {
    health: (p: Person) => ({ omsNumber: p.omsNumber, birthDate: p.birthDate }),
    school: (p: Person) => ({ meshPersonId: p.meshPersonId }),
    housing: (p: Person) => ({ payerCodes: p.payerCodes }),
    parking: (p: Person) => ({ vehicleKeys: p.vehicles, parkingAccountId: p.parkingAccountId }),
  };
  const sealedField = { health: 'sealedHealthKeys', school: 'sealedSchoolKeys', housing: 'sealedHousingKeys', parking: 'sealedParkingKeys' } as const;
  /** What each subgraph is asked, and the fields its refusal records. */
  const asked: Record<KeyAudience, { selection: string; fields: string[] }> = {
    health: { selection: 'appointments { id } medicalCard { documents { id title } }', fields: ['appointments', 'medicalCard'] },
    school: { selection: 'student { className marks(from: "2026-11-01", to: "2026-11-21") { value } }', fields: ['student'] },
    housing: { selection: 'homes { payerCode address }', fields: ['homes'] },
    // The account first: `vehicles` is non-null, and its refusal ends the entity's other fields.
    parking: { selection: 'parkingAccount { balance { kopecks } } vehicles { plate fines { uin } }', fields: ['parkingAccount', 'vehicles'] },
  };
  const AUDIENCES = Object.keys(asked) as KeyAudience[];
  const owner = (audience: KeyAudience): Person => (audience === 'school' ? bPupil : b);

  const seal = <A extends KeyAudience>(audience: A, subject: Person, keys: SealedKeys<A>, options: { as?: KeyAudience; ago?: number } = {}): string =>
    options.ago === undefined && options.as === undefined
      ? sealKeys(keySeal, audience, String(subject.id), keys)
      : keySeal.seal({ subject: String(subject.id), audience: options.as ?? audience, keys, now: Date.now() - (options.ago ?? 0) });

  /** `_entities` at one subgraph, as resident A, with the gateway's credential and our request id. */
  const entities = async (audience: KeyAudience, representations: Array<Record<string, unknown>>, requestId: string): Promise<RawReply> => {
    const credential = await (await InternalCredentialIssuer.create({ privateJwk: secure.keys.internal.privateJwk })).credentialFor({ kind: 'resident', personId: String(a.id) }, audience);
    return send(`${secure.system.subgraphs[audience].url}/graphql`, {
      headers: { 'content-type': 'application/json', [INTERNAL_CREDENTIAL_HEADER]: credential, 'x-request-id': requestId },
      body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id ${asked[audience].selection} } } }`, variables: { r: representations } }),
    });
  };
  const rowsOf = async (requestId: string): Promise<StoredAuditEvent[]> => (await trail.query({ limit: 100 })).filter((e) => e.requestId === requestId);

  beforeAll(async () => {
    secure = await startSecureSystem();
    trail = secure.system.audit;
    keySeal = KeySeal.fromSecret(secure.keys.keySeal);
    const population = secure.system.population;
    a = demoResidents(population).find((d) => d.key === 'family')!.person;
    b = demoResidents(population).find((d) => d.key === 'driver')!.person;
    bPupil = population.person(
      population.findAdult((p) => p.id !== a.id && p.childIds.some((id) => population.person(id)?.meshPersonId)).childIds.find((id) => population.person(id)?.meshPersonId)!,
    )!;
  });
  afterAll(async () => {
    await trail.close();
    await secure.close();
  });
  beforeEach(() => resetLegacyStats(secure.system));
  afterEach(() => expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS));

  /** Each way someone else's keys (or a seal that does not hold) can ride on A's id, and whom the refusal must name. */
  const attempts = (audience: KeyAudience): Array<{ name: string; extra: () => Record<string, unknown>; names: () => Person }> => [
    { name: "B's keys in plain", extra: () => plainKeysOf[audience](owner(audience)), names: () => a },
    { name: "B's genuine seal", extra: () => ({ [sealedField[audience]]: seal(audience, owner(audience), keysOf[audience](owner(audience))) }), names: () => owner(audience) },
    {
      name: "B's seal, expired",
      extra: () => ({ [sealedField[audience]]: seal(audience, owner(audience), keysOf[audience](owner(audience)), { ago: 121_000 }) }),
      names: () => owner(audience),
    },
    {
      name: "B's seal for another subgraph",
      extra: () => ({ [sealedField[audience]]: seal(audience, owner(audience), keysOf[audience](owner(audience)), { as: audience === 'health' ? 'parking' : 'health' }) }),
      names: () => owner(audience),
    },
    // A's own keys, but a seal that no longer holds: each check stands on its own.
    { name: "A's own seal, expired", extra: () => ({ [sealedField[audience]]: seal(audience, a, keysOf[audience](a), { ago: 121_000 }) }), names: () => a },
    {
      name: "A's own seal for another subgraph",
      extra: () => ({ [sealedField[audience]]: seal(audience, a, keysOf[audience](a), { as: audience === 'health' ? 'parking' : 'health' }) }),
      names: () => a,
    },
    {
      name: 'a forged seal',
      extra: () => ({
        [sealedField[audience]]:
          `${Buffer.from(JSON.stringify({ v: 1, sub: String(a.id), aud: audience, exp: 9_999_999_999, keys: keysOf[audience](owner(audience)) })).toString('base64url')}.${'A'.repeat(43)}`,
      }),
      names: () => a,
    },
  ];

  describe.each(AUDIENCES)('at the %s subgraph', (audience) => {
    it.each(attempts(audience).map((attempt) => [attempt.name, attempt] as const))("A's id with %s: FORBIDDEN, no legacy call, a refused read on record", async (_name, attempt) => {
      // Subgraphs keep only UUID request ids; each attempt has its own.
      const requestId = randomUUID();
      const reply = await entities(audience, [{ __typename: 'Resident', id: String(a.id), ...attempt.extra() }], requestId);
      expect(codes(reply).length).toBeGreaterThan(0);
      expect(new Set(codes(reply))).toEqual(new Set(['FORBIDDEN']));
      for (const key of [b.omsNumber, ...b.payerCodes, ...b.vehicles.map((v) => v.plate)]) expect(reply.text).not.toContain(key);
      expect(await rowsOf(requestId)).toEqual([
        expect.objectContaining({
          actorKind: 'resident',
          actorId: String(a.id),
          subjectId: String(attempt.names().id),
          subgraph: audience,
          fields: asked[audience].fields,
          outcome: 'refused',
        }),
      ]);
    });
  });

  it('fifty strangers in one request: fifty refusals, each on record under the stranger, and not one card', async () => {
    const population = secure.system.population;
    const strangers = Array.from({ length: 50 }, (_, i) => population.person(2000 + i)!).filter((p) => p.id !== a.id);
    const genuine = strangers.map((s) => ({ __typename: 'Resident', id: String(a.id), sealedHealthKeys: seal('health', s, keysOf.health(s)) }));
    const requestId = randomUUID();
    const reply = await entities('health', genuine, requestId);
    expect(codes(reply).filter((c) => c !== 'FORBIDDEN')).toEqual([]);
    expect(reply.json?.data?._entities).toEqual(strangers.map(() => ({ id: String(a.id), appointments: null, medicalCard: null })));
    for (const s of strangers) expect(reply.text).not.toContain(s.omsNumber);
    const rows = await rowsOf(requestId);
    expect(rows.map((r) => r.subjectId).sort()).toEqual(strangers.map((s) => String(s.id)).sort());
    expect(rows.every((r) => r.outcome === 'refused' && r.actorId === String(a.id))).toBe(true);

    // The reviewer's own request: the keys in plain.
    const plain = strangers.map((s) => ({ __typename: 'Resident', id: String(a.id), omsNumber: s.omsNumber, birthDate: s.birthDate }));
    const plainReply = await entities('health', plain, randomUUID());
    expect(codes(plainReply).filter((c) => c !== 'FORBIDDEN')).toEqual([]);
    for (const s of strangers) expect(plainReply.text).not.toContain(s.omsNumber);
  });

  it("A's own genuine seal is served, at each subgraph", async () => {
    const own = await gql(
      secure.system.gateway.graphqlUrl,
      '{ me { id appointments { id } student { className } homes { payerCode } vehicles { plate } parkingAccount { balance { kopecks } } } }',
      { token: await secure.system.tokenFor(a.id) },
    );
    expect(codes(own)).toEqual([]);
    expect((own.json!.data!.me as { homes: Array<{ payerCode: string }> }).homes.map((h) => h.payerCode)).toEqual(a.payerCodes);
    // Served from the legacy systems, as it should be.
    expect(legacyCallCounts(secure.system).emias).toBeGreaterThan(0);
    resetLegacyStats(secure.system);
  });
});
