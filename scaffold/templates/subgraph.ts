import type { Blueprint } from '../blueprint';

/** What `npm run codegen` writes for the subgraph: its resolver types, generated from its contract. */
export function resolverTypesPath(b: Blueprint): string {
  return `subgraphs/${b.subgraph.kebab}/generated/resolvers-types.ts`;
}

/**
 * `subgraphs/<name>/`: the subgraph as every subgraph of ours is made — configuration from the
 * environment and the definition the kit serves (service), the standalone entry point (main), the
 * per-request context with its loaders (context, loaders, built on the kit's batch helper),
 * resolvers typed by the generated types, the parent objects they hand on, the audit policy, and
 * a test against the real simulators.
 */
export function subgraphFiles(b: Blueprint): Record<string, string> {
  const { subgraph: n, system: s } = b;
  const dir = `subgraphs/${n.kebab}`;
  const config = `${n.pascal}Config`;
  const context = `${n.pascal}Context`;
  return {
    [`${dir}/service.ts`]: `import { ${s.constant}_SYSTEM, ${s.pascal}Client } from '../../adapters/${s.kebab}';
import { developmentDefault, developmentSecret, envString, envUrl, type Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, subgraphConfigFromEnv, transportsFor, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions } from '../kit';
import { ${n.camel}AuditPolicy } from './audit-policy';
import type { ${context} } from './context';
import { create${n.pascal}Loaders } from './loaders';
import { ${n.camel}Resolvers } from './resolvers';

/** The ${n.kebab} subgraph's configuration: every subgraph's, plus where ${b.systemTitle} is and its token. */
export type ${config} = SubgraphConfig & {
  /** The origin of ${b.systemTitle}; the adapter adds the API paths. */
  ${s.camel}Url: string;
  /** The token ${b.systemTitle} issued to the graph. */
  ${s.camel}ServiceToken: string;
};

/**
 * Standalone: \`PORT\` (default ${b.subgraphPort}), \`${s.constant}_URL\`, \`${s.constant}_SERVICE_TOKEN\` and the
 * variables every subgraph reads. Production (\`NODE_ENV=production\`) requires \`${s.constant}_URL\` and a
 * real token; development points at the simulator (\`legacy/${s.kebab}\`, port ${b.simulatorPort}).
 */
export function ${n.camel}ConfigFromEnv(env: Env): ${config} {
  return {
    ...subgraphConfigFromEnv(env, ${b.subgraphPort}),
    ${s.camel}Url: envUrl(env, '${s.constant}_URL', developmentDefault('http://127.0.0.1:${b.simulatorPort}')),
    ${s.camel}ServiceToken: envString(env, '${s.constant}_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
  };
}

/**
 * The ${n.kebab} subgraph over ${b.systemTitle}. Staff read it with \`${b.scope}\`: the kit opens a subgraph to
 * the read scope named after it (platform/auth/principal.ts lists the graph's scopes).
 */
export function create${n.pascal}Subgraph(config: ${config}, logger: Logger, options: SubgraphOptions = {}): SubgraphDefinition<${context}> {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const client = new ${s.pascal}Client({ transport: transports.create(${s.constant}_SYSTEM, config.${s.camel}Url), serviceToken: config.${s.camel}ServiceToken });
  return {
    name: '${n.kebab}',
    typeDefs: loadContract('${n.kebab}'),
    resolvers: ${n.camel}Resolvers,
    extendContext: (base) => ({ ...base, loaders: create${n.pascal}Loaders(client) }),
    audit: ${n.camel}AuditPolicy,
    close: closeOwn,
  };
}
`,
    [`${dir}/main.ts`]: `import { runSubgraphMain } from '../kit';
import { create${n.pascal}Subgraph, ${n.camel}ConfigFromEnv } from './service';

runSubgraphMain('${n.kebab}', ${n.camel}ConfigFromEnv, create${n.pascal}Subgraph);
`,
    [`${dir}/context.ts`]: `import type { SubgraphContext } from '../kit';
import type { ${n.pascal}Loaders } from './loaders';

export interface ${context} extends SubgraphContext {
  loaders: ${n.pascal}Loaders;
}
`,
    [`${dir}/loaders.ts`]: `import DataLoader from 'dataloader';
import type { ${s.pascal}Port, ${b.domainType} } from '../../adapters/${s.kebab}';
import { perKey } from '../kit';

/**
 * At most this many of one request's calls to ${b.systemTitle} at once (a parent and the children they
 * represent); the transport's bulkhead caps the whole process.
 */
const SUMMARY_CONCURRENCY = 4;

/**
 * Per-request loaders. ${b.SystemTitle} answers one person per call, so the summaries a request asks for in
 * one tick (the gateway sends a family in one \`_entities\` call) go out together, a few at a time,
 * and a failed call fails that person's field only. A system with a batch call would take them
 * in one call instead, as the registry does.
 */
export interface ${n.pascal}Loaders {
  /** By person id; null when the system keeps no account for the person. */
  summary: DataLoader<string, ${b.domainType} | null>;
}

export function create${n.pascal}Loaders(port: ${s.pascal}Port): ${n.pascal}Loaders {
  return {
    summary: new DataLoader((ids) => perKey(ids, (id) => port.getSummary(id), { concurrency: SUMMARY_CONCURRENCY })),
  };
}
`,
    [`${dir}/parents.ts`]: `/**
 * The objects the ${n.kebab} resolvers hand to the fields below them, where they are not the
 * adapter's domain types. \`npm run codegen\` maps the contract's types to them (\`codegen.ts\`), so a
 * resolver returning anything else fails the type check.
 */

/** A Resident as the gateway hands it over: its key, which is all this contract needs. */
export interface ${n.pascal}Resident {
  id: string;
}
`,
    [`${dir}/resolvers.ts`]: `import { DateTimeScalar } from '../kit';
import type { Resolvers } from './generated/resolvers-types';

export const ${n.camel}Resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Resident: {
    // The access policy first, before ${b.systemTitle} is asked: a resident reads themselves and the minors
    // they represent, staff need ${b.scope}, anyone else is FORBIDDEN.
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id };
    },
    ${b.field}: (resident, _args, ctx) => ctx.loaders.summary.load(resident.id),
  },
};
`,
    [`${dir}/audit-policy.ts`]: `import type { AuditPolicy } from '../kit';

/**
 * Which reads of the ${n.kebab} subgraph go to the audit trail: every staff read of a resident, with
 * the fields read and the stated purpose, as in every subgraph. A resident's own reads are not
 * recorded; set \`everyRead\` when every read of the department's data must be (the health subgraph
 * records every read of medical data, and subgraphs/health/medical-data.ts says why).
 */
export const ${n.camel}AuditPolicy: AuditPolicy = { everyRead: false };
`,
    [`${dir}/index.ts`]: `export type { ${context} } from './context';
export { create${n.pascal}Subgraph, ${n.camel}ConfigFromEnv, type ${config} } from './service';
`,
    [`${dir}/${n.kebab}.integration.test.ts`]: subgraphTest(b),
  };
}

/** The subgraph against the real registry and ${'`'}legacy/<system>${'`'} simulators, as the gateway calls it. */
function subgraphTest(b: Blueprint): string {
  const { subgraph: n, system: s } = b;
  return `import type { AuditEvent, AuditTrail } from '../../platform/audit';
import type { StaffPrincipal } from '../../platform/auth';
import { KeySeal } from '../../platform/auth';
import { isMinorOn, moscowDate } from '../../platform/time';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../../legacy/kit';
import { accountOf, create${s.pascal}Simulator } from '../../legacy/${s.kebab}';
import { Population, type Person } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { create${n.pascal}Subgraph, ${n.camel}ConfigFromEnv } from './service';

const SUMMARIES = /* GraphQL */ \`
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident { id ${b.field} { accountNumber status openItems updatedAt } }
    }
  }
\`;

interface Summary {
  accountNumber: string;
  status: string;
  openItems: number;
  updatedAt: string;
}
type Entities = { _entities: Array<{ id: string; ${b.field}: Summary | null } | null> };

describe('${n.kebab} subgraph', () => {
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
    system = await startSimulator(create${s.pascal}Simulator(deps), { clock });
    subgraph = await startTestSubgraph(
      create${n.pascal}Subgraph,
      { registryUrl: registry.url, ${s.camel}Url: system.url, ${s.camel}ServiceToken: DEFAULT_SERVICE_TOKEN },
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
    expect(reply.data!._entities).toEqual(family.map((p) => ({ id: String(p.id), ${b.field}: expected(p) })));
    expect(system.stats.snapshot()).toEqual({ total: family.length, endpoints: { 'GET /api/v1/persons/:personId/summary': family.length } });
    // A resident's own reads are not audited here (audit-policy.ts).
    expect(recorded).toEqual([]);
  });

  it('answers null, and no error, for a resident ${b.systemTitle} keeps no account for', async () => {
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(withoutAccount)] }, resident(withoutAccount));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities).toEqual([{ id: String(withoutAccount.id), ${b.field}: null }]);
  });

  it('refuses someone the resident does not represent with FORBIDDEN, before ${b.systemTitle} is asked', async () => {
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

  it('serves staff holding ${b.scope} and writes the read to the audit trail, with the purpose', async () => {
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(stranger)] }, staff(['${b.scope}']));
    expect(reply.errors).toBeUndefined();
    expect(reply.data!._entities).toEqual([{ id: String(stranger.id), ${b.field}: expected(stranger) }]);
    expect(recorded).toEqual([
      expect.objectContaining({ actorKind: 'staff', actorId: 'clerk-7', purpose: 'case 2026-118', subjectId: String(stranger.id), subgraph: '${n.kebab}', fields: ['accountNumber', 'openItems', 'status', 'updatedAt'].map((field) => \`${b.field}.\${field}\`), outcome: 'served' }),
    ]);
  });

  it('refuses staff whose scopes do not cover ${n.kebab}, before ${b.systemTitle} is asked', async () => {
    const reply = await subgraph.query(SUMMARIES, { r: [representation(stranger)] }, staff(['health:read', 'residents:read']));
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(system.stats.snapshot().total).toBe(0);
  });

  it('nulls only the summary when ${b.systemTitle} is down, naming it and not its address', async () => {
    // Someone nobody has read here, so no kept answer can stand in for the system.
    const unread = population.findAdult((p) => p.id > stranger.id && p.id !== parent.id && p.id !== withoutAccount.id && p.childIds.length === 0 && hasAccount(p.id));
    system.faults.set({ errorRate: 1, status: 503 });
    const reply = await subgraph.query<Entities>(SUMMARIES, { r: [representation(unread)] }, resident(unread));
    expect(reply.data!._entities).toEqual([{ id: String(unread.id), ${b.field}: null }]);
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: '${s.kebab}' });
    expect(JSON.stringify(reply)).not.toContain(system.url);
  });
});

describe('${n.camel}ConfigFromEnv', () => {
  // A well-formed Ed25519 public JWK; its x is not checked against anything here.
  const key = { INTERNAL_CREDENTIAL_PUBLIC_JWK: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}', KEY_SEAL_SECRET: KeySeal.generateSecret() };

  it('defaults to its own port and the simulator in development', () => {
    expect(${n.camel}ConfigFromEnv(key)).toMatchObject({ port: ${b.subgraphPort}, ${s.camel}Url: 'http://127.0.0.1:${b.simulatorPort}', ${s.camel}ServiceToken: 'dev-service-token' });
  });

  it('requires the system\\'s URL and a token of its own in production', () => {
    const production = { ...key, NODE_ENV: 'production', REGISTRY_URL: 'https://registry.city.test', REGISTRY_SERVICE_TOKEN: 'issued' };
    expect(() => ${n.camel}ConfigFromEnv(production)).toThrow('${s.constant}_URL');
    expect(() => ${n.camel}ConfigFromEnv({ ...production, ${s.constant}_URL: 'https://${s.kebab}.city.test' })).toThrow('${s.constant}_SERVICE_TOKEN');
    expect(${n.camel}ConfigFromEnv({ ...production, ${s.constant}_URL: 'https://${s.kebab}.city.test', ${s.constant}_SERVICE_TOKEN: 'issued' })).toMatchObject({ ${s.camel}Url: 'https://${s.kebab}.city.test' });
  });
});
`;
}
