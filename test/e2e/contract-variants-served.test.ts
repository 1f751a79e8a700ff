import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type IntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { buildManifest, type ContractVariantConfig, type RunningGateway, readContractVariants, supergraphHash, TrustedDocuments } from '../../gateway';
import { readOperations } from '../../gateway/plugins';
import { demoResidents } from '../../legacy/population';
import { repoRoot } from '../../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { codes, gql, type RawReply, send } from '../security/support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from '../security/support/secure-system';
import { SubgraphRelay } from '../support/subgraph-relay';

const contractsDir = join(repoRoot(), 'schema', 'contracts');

/** A variant's API schema as composition wrote it, printed in a stable order. */
function variantSchema(name: string): string {
  return printSchema(lexicographicSortSchema(buildSchema(readFileSync(join(contractsDir, `${name}.graphql`), 'utf8'))));
}

/** What an endpoint's introspection shows, printed the same way. */
async function introspected(url: string, token?: string): Promise<string> {
  const reply = await gql(url, getIntrospectionQuery(), token ? { token } : {});
  expect(codes(reply)).toEqual([]);
  return printSchema(lexicographicSortSchema(buildClientSchema(reply.json?.data as unknown as IntrospectionQuery)));
}

/** The configuration Apollo Sandbox is started with on a landing page. */
function sandboxConfig(html: string): { initialState: { document?: string; headers?: Record<string, string> }; endpointIsEditable: boolean } {
  const json = /var embeddedSandboxConfig = (\{.*\});/.exec(html)?.[1];
  if (!json) throw new Error('no Sandbox on the page');
  return JSON.parse(json) as ReturnType<typeof sandboxConfig>;
}

const page = (url: string): Promise<RawReply> => send(url, { method: 'GET', headers: { accept: 'text/html' } });

describe('contract variants served by the gateway', () => {
  let secure: SecureSystem;
  let relays: Record<SubgraphName, SubgraphRelay>;
  let gateway: RunningGateway;
  let contracts: ContractVariantConfig[];
  let family: string;
  let residentToken: string;
  let doctor: string;
  const subgraphCalls = () => Object.values(relays).reduce((sum, relay) => sum + relay.count, 0);
  const resetCalls = () => {
    for (const relay of Object.values(relays)) relay.reset();
    resetLegacyStats(secure.system);
  };

  /** Refused at validation with the variant named, and nothing asked of any subgraph or legacy system. */
  const expectRefusedOutside = (reply: RawReply, contract: string) => {
    expect(reply.status).toBe(400);
    expect(reply.json?.data).toBeUndefined();
    expect(reply.json?.errors?.map((e) => e.extensions)).toEqual([{ code: 'OUTSIDE_CONTRACT_VARIANT', contract }]);
    expect(subgraphCalls()).toBe(0);
    expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  };

  beforeAll(async () => {
    secure = await startSecureSystem();
    relays = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await SubgraphRelay.start(`${secure.system.subgraphs[name].url}/graphql`)] as const))) as Record<
      SubgraphName,
      SubgraphRelay
    >;
    contracts = readContractVariants(contractsDir);
    family = String(demoResidents(secure.system.population).find((d) => d.key === 'family')!.person.id);
    residentToken = await secure.system.tokenFor(family);
    doctor = await secure.system.signOn.issueStaff('doctor-ivanova', ['health:read', 'residents:read'], 'appointment follow-up');
    gateway = await secure.startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, relays[name].url])),
      rateLimit: false,
      contracts,
      sandbox: { operations: readOperations(join(repoRoot(), 'operations')), headers: { Authorization: `Bearer ${residentToken}` } },
    });
  });
  afterAll(async () => {
    await secure?.close();
    await Promise.all(Object.values(relays ?? {}).map((relay) => relay.close()));
  });

  it('serves each variant at /contracts/<name>/graphql, and /readyz names each supergraph served', async () => {
    expect(Object.keys(gateway.contractUrls).sort()).toEqual(['health-staff', 'housing-staff', 'parking-staff', 'public', 'school-staff']);
    const ready = await send(`${gateway.url}/readyz`, { method: 'GET' });
    const body = ready.json as unknown as { contracts: Record<string, { sha256: string }> };
    for (const contract of contracts) expect(body.contracts[contract.name]?.sha256).toBe(supergraphHash(contract.supergraphSdl));

    const reply = await gql(gateway.contractUrls['health-staff']!, `{ resident(id: "${family}") { fullName appointments { id } medicalCard { documents(first: 1) { id } } } }`, {
      token: doctor,
    });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.resident).toMatchObject({ fullName: expect.any(String), appointments: expect.any(Array) });
  });

  it('refuses at validation, before any subgraph is called, what the variant leaves out: a field, a root field, a type, every mutation', async () => {
    const url = gateway.contractUrls['health-staff']!;
    const outside = [
      `{ resident(id: "${family}") { fullName homes { address } } }`,
      '{ me { id } }',
      `{ resident(id: "${family}") { ... on Home { address } } }`,
      'mutation { cancelAppointment(appointmentId: "1") }',
    ];
    for (const query of outside) {
      resetCalls();
      expectRefusedOutside(await gql(url, query, { token: doctor }), 'health-staff');
    }
  });

  it('serves a caller its variant at /graphql too: staff by their scope, residents and anonymous callers the public one', async () => {
    resetCalls();
    expectRefusedOutside(await gql(gateway.graphqlUrl, `{ resident(id: "${family}") { homes { address } } }`, { token: doctor }), 'health-staff');
    resetCalls();
    expectRefusedOutside(await gql(gateway.graphqlUrl, '{ auditTrail { id } }', { token: residentToken }), 'public');
    resetCalls();
    expectRefusedOutside(await gql(gateway.graphqlUrl, '{ auditTrail { id } }'), 'public');

    const own = await gql(gateway.graphqlUrl, '{ me { id homes { payerCode } } }', { token: residentToken });
    expect(codes(own)).toEqual([]);
    expect(own.json?.data).toMatchObject({ me: { id: family } });
  });

  it('serves the whole graph at /graphql to staff no variant claims, or more than one does', async () => {
    const auditor = await secure.system.signOn.issueStaff('auditor-1', ['audit:read'], 'quarterly review');
    const trail = await gql(gateway.graphqlUrl, '{ auditTrail(first: 1) { id } }', { token: auditor });
    expect(codes(trail)).toEqual([]);
    const twoDepartments = await secure.system.signOn.issueStaff('partner-7', ['health:read', 'housing:read', 'residents:read'], 'case 7');
    const both = await gql(gateway.graphqlUrl, `{ resident(id: "${family}") { homes { payerCode } appointments { id } } }`, { token: twoDepartments });
    expect(codes(both)).toEqual([]);
  });

  it('refuses an operation type the served graph has no root for at validation, never with a 500', async () => {
    const auditor = await secure.system.signOn.issueStaff('auditor-1', ['audit:read'], 'quarterly review');
    resetCalls();
    const subscription = await gql(gateway.graphqlUrl, 'subscription { auditTrail { id } }', { token: auditor });
    expect(subscription.status).toBe(400);
    expect(codes(subscription)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(subgraphCalls()).toBe(0);
  });

  it('shows only the variant to introspection, at its own URL and at /graphql for its callers', async () => {
    expect(await introspected(gateway.contractUrls['health-staff']!)).toBe(variantSchema('health-staff'));
    expect(await introspected(gateway.graphqlUrl, doctor)).toBe(variantSchema('health-staff'));
    expect(await introspected(gateway.graphqlUrl, residentToken)).toBe(variantSchema('public'));
    expect(await introspected(gateway.contractUrls['parking-staff']!)).toBe(variantSchema('parking-staff'));
  });

  it('opens Sandbox on each variant at its own URL, with the registered operations that run there', async () => {
    const health = await page(gateway.contractUrls['health-staff']!);
    expect(health.text).toContain('initialEndpoint = window.location.href');
    // The frontends' operations ask for `me`, which the health staff's variant leaves out.
    expect(sandboxConfig(health.text).initialState.document).toBeUndefined();
    expect(sandboxConfig(health.text).initialState.headers).toBeUndefined();
    const publicPage = sandboxConfig((await page(gateway.contractUrls.public!)).text);
    expect(publicPage.initialState.document).toContain('query ResidentDashboard');
    expect(publicPage.initialState.headers).toEqual({ Authorization: `Bearer ${residentToken}` });
  });
});

describe('Apollo Sandbox for developers on the graph', () => {
  let secure: SecureSystem;
  let dev: RunningGateway;
  let production: RunningGateway;
  let token: string;

  beforeAll(async () => {
    secure = await startSecureSystem();
    token = await secure.system.tokenFor(demoResidents(secure.system.population).find((d) => d.key === 'family')!.person.id);
    dev = await secure.startGateway({ sandbox: { headers: { Authorization: `Bearer ${token}` } } });
    const contracts = readContractVariants(contractsDir);
    production = await secure.startGateway({ production: true, contracts, trustedDocuments: TrustedDocuments.fromManifest(buildManifest(['query Me { me { id } }'])) });
  });
  afterAll(() => secure?.close());

  it('opens at the gateway URL with the operations of operations/ and a demo resident signed in, whose operations then run', async () => {
    const html = (await page(dev.graphqlUrl)).text;
    expect(html).toContain('initialEndpoint = window.location.href');
    const config = sandboxConfig(html);
    expect(config.endpointIsEditable).toBe(false);
    const operations = readOperations(join(repoRoot(), 'operations'));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const operation of operations) expect(config.initialState.document).toContain(operation);
    expect(config.initialState.headers).toEqual({ Authorization: `Bearer ${token}` });

    // What Sandbox would send with the header it opens with.
    const dashboard = operations.find((text) => text.startsWith('query ResidentDashboard'))!;
    const reply = await gql(dev.graphqlUrl, dashboard, { headers: config.initialState.headers! });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.me).toMatchObject({ fullName: expect.any(String) });
  });

  it('is not served in production, at /graphql or at any variant', async () => {
    for (const url of [production.graphqlUrl, ...Object.values(production.contractUrls)]) {
      const reply = await page(url);
      expect(reply.text).not.toMatch(/<html|sandbox/i);
    }
    expect(Object.keys(production.contractUrls)).toHaveLength(5);
    const introspection = await gql(production.contractUrls.public!, '{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
  });
});
