import type { AuditEvent, AuditTrail } from '../../platform/audit';
import type { StaffPrincipal } from '../../platform/auth';
import { KeySeal } from '../../platform/auth';
import { isMinorOn, moscowDate } from '../../platform/time';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../../legacy/kit';
import { accountOf, createTreasurySimulator } from '../../legacy/treasury';
import { Population, type Person } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createPaymentsSubgraph, paymentsConfigFromEnv } from './service';

const SUMMARIES = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident { id paymentsSummary { accountNumber status openItems updatedAt } }
    }
  }
`;

interface Summary {
  accountNumber: string;
  status: string;
  openItems: number;
  updatedAt: string;
}
type Entities = { _entities: Array<{ id: string; paymentsSummary: Summary | null } | null> };

describe('payments subgraph', () => {
  const population = new Population();
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const hasAccount = (id: number): boolean => accountOf(population, id) !== undefined;
  const stillRepresented = (id: number): boolean => isMinorOn(population.person(id)!.birthDate, moscowDate(clock.now()));
  // A parent with an account who represents two children with accounts of their own.
  const parent = population.findAdult((p) => hasAccount(p.id) && p.childIds.filter((id) => stillRepresented(id) && hasAccount(id)).length >= 2);
  const children = parent.childIds.filter((id) => stillRepresented(id) && hasAccount(id)).map((id) => population.person(id) as Person);
  const stranger = population.findAdult((p) => p.id !== parent.id && p.childIds.length === 0 && hasAccount(p.id));
  const withoutAccount = population.findAdult((p) => !hasAccount(p.id));
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  const staff = (scopes: StaffPrincipal['scopes']): StaffPrincipal => ({ kind: 'staff', subject: 'clerk-7', scopes, purpose: 'case 2026-118' });
  const representation = (p: Person) => ({ __typename: 'Resident', id: String(p.id) });
  /** What the contract should show for a person: the simulator's record through the adapter. */
  const expected = (p: Person): Summary => {
    const account = accountOf(population, p.id)!;
    return { accountNumber: account.account_number, status: account.status.toUpperCase(), openItems: account.open_items, updatedAt: account.updated_at };
  };
  const recorded: AuditEvent[] = [];
  const trail: AuditTrail = { record: async (events) => void recorded.push(...events), query: async () => [], close: async () => undefined };
  let registry: RunningSimulator;
  let system: RunningSimulator;
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    const deps = { population, clock, serviceToken: DEFAULT_SERVICE_TOKEN };
    registry = await startSimulator(createRegistrySimulator(deps), { clock });
    system = await startSimulator(createTreasurySimulator(deps), { clock });
    subgraph = await startTestSubgraph(
      createPaymentsSubgraph,
      { registryUrl: registry.url, treasuryUrl: system.url, treasuryServiceToken: DEFAULT_SERVICE_TOKEN },
      { audit: trail, clock },
    );
  });
  afterAll(async () => {
    await subgraph.close();
    await system.close();
    await registry.close();
  });
  beforeEach(() => {
    system.stats.reset();
    system.faults.clear();
    recorded.length = 0;
  });

  it('serves a resident their own account and those of the children they represent, one call each', async () => {
    const family = [parent, ...children];
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: family.map(representation) }, resident(parent));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities).toEqual(family.map((p) => ({ id: String(p.id), paymentsSummary: expected(p) })));
    expect(system.stats.snapshot()).toEqual({ total: family.length, endpoints: { 'GET /api/v1/persons/:personId/summary': family.length } });
    // A resident's own reads are not audited here (audit-policy.ts).
    expect(recorded).toEqual([]);
  });

  it('answers null, and no error, for a resident the treasury system keeps no account for', async () => {
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(withoutAccount)] }, resident(withoutAccount));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities).toEqual([{ id: String(withoutAccount.id), paymentsSummary: null }]);
  });

  it('refuses someone the resident does not represent with FORBIDDEN, before the treasury system is asked', async () => {
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(stranger)] }, resident(parent));
    expect(reply.data?._entities[0] ?? null).toBeNull();
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(system.stats.snapshot().total).toBe(0);
  });

  it('asks for a sign-in without a principal', async () => {
    const reply = await subgraph.query(SUMMARIES, { r: [representation(parent)] });
    expect(reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(system.stats.snapshot().total).toBe(0);
  });

  it('serves staff holding payments:read and writes the read to the audit trail, with the purpose', async () => {
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(stranger)] }, staff(['payments:read']));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities).toEqual([{ id: String(stranger.id), paymentsSummary: expected(stranger) }]);
    expect(recorded).toEqual([
      expect.objectContaining({ actorKind: 'staff', actorId: 'clerk-7', purpose: 'case 2026-118', subjectId: String(stranger.id), subgraph: 'payments', fields: ['accountNumber', 'openItems', 'status', 'updatedAt'].map((field) => `paymentsSummary.${field}`), outcome: 'served' }),
    ]);
  });

  it('refuses staff whose scopes do not cover payments, before the treasury system is asked', async () => {
    const reply = await subgraph.query(SUMMARIES, { r: [representation(stranger)] }, staff(['health:read', 'residents:read']));
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(system.stats.snapshot().total).toBe(0);
  });

  it('nulls only the summary when the treasury system is down, naming it and not its address', async () => {
    // Someone nobody has read here, so no kept answer can stand in for the system.
    const unread = population.findAdult((p) => p.id > stranger.id && p.id !== parent.id && p.id !== withoutAccount.id && p.childIds.length === 0 && hasAccount(p.id));
    system.faults.set({ errorRate: 1, status: 503 });
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(unread)] }, resident(unread));
    expect(reply.data!._entities).toEqual([{ id: String(unread.id), paymentsSummary: null }]);
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'treasury' });
    expect(JSON.stringify(reply)).not.toContain(system.url);
  });
});

describe('paymentsConfigFromEnv', () => {
  // A well-formed Ed25519 public JWK; its x is not checked against anything here.
  const key = { INTERNAL_CREDENTIAL_PUBLIC_JWK: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}', KEY_SEAL_SECRET: KeySeal.generateSecret() };

  it('defaults to its own port and the simulator in development', () => {
    expect(paymentsConfigFromEnv(key)).toMatchObject({ port: 4106, treasuryUrl: 'http://127.0.0.1:8107', treasuryServiceToken: 'dev-service-token' });
  });

  it('requires the system\'s URL and a token of its own in production', () => {
    const production = { ...key, NODE_ENV: 'production', REGISTRY_URL: 'https://registry.city.test', REGISTRY_SERVICE_TOKEN: 'issued' };
    expect(() => paymentsConfigFromEnv(production)).toThrow('TREASURY_URL');
    expect(() => paymentsConfigFromEnv({ ...production, TREASURY_URL: 'https://treasury.city.test' })).toThrow('TREASURY_SERVICE_TOKEN');
    expect(paymentsConfigFromEnv({ ...production, TREASURY_URL: 'https://treasury.city.test', TREASURY_SERVICE_TOKEN: 'issued' })).toMatchObject({ treasuryUrl: 'https://treasury.city.test' });
  });
});
