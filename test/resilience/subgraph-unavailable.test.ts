import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmbeddedSystem, startEmbeddedSystem, subgraphUrlsOf } from '../../deploy/embedded-system';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type GatewayConfig, type PersistedQueryManifest, type RunningGateway, startGateway, TrustedDocuments } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { MANIFEST_FILE, RESIDENT_DASHBOARD } from '../../operations';
import { repoRoot } from '../../platform/config';
import { createLogger } from '../../platform/logging';
import { readCommittedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { send } from '../security/support/http';
import { MemoryLog } from '../security/support/secure-system';
import { SupergraphReading } from '../security/support/supergraph-reading';
import { type ClientReply, postGraphQL } from '../support/graphql-client';
import { type RelayMode, SubgraphRelay } from '../support/subgraph-relay';

/**
 * Finding 6 of the security review: with one subgraph unreachable, `me` came back null with an
 * INTERNAL_SERVER_ERROR naming nobody, and the gateway logged nothing. Each subgraph is stopped in
 * turn (its server closed), then made to hang, answer garbage and answer 502: the fields it
 * resolves are null and nothing else is, each error is SUBGRAPH_UNAVAILABLE naming it, and the
 * gateway logs the failed fetch without personal data. Which fields are whose is read from the
 * supergraph, not listed here.
 */
const reading = new SupergraphReading();
const ROOT = reading.ownersOf('Query', 'me')[0]!;
/**
 * The subgraphs the dashboard reads. One it does not read (a department's, added with
 * `npm run subgraph:new`) runs beside them: its outage touches nothing here, and the conformance
 * kit and its own tests hold it to the rest of our rules.
 */
const DASHBOARD_SUBGRAPHS = ['residents', 'health', 'school', 'housing', 'parking'] as const satisfies readonly SubgraphName[];
const MEDICAL_ACCESS_LOG = /* GraphQL */ `query AccessLog { me { id fullName medicalAccessLog { id readerKind } } }`;

type Row = Record<string, unknown>;
type Reply = ClientReply<{ me: Row | null }>;

/** The system with the family demo resident; its clock pinned so the dashboard's dates hold. */
async function startSystem(log: MemoryLog): Promise<{ system: EmbeddedSystem; family: Person; token: string }> {
  const system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logger: createLogger({ service: 'embedded', level: 'warn', destination: log }) });
  const family = demoResidents(system.population).find((d) => d.key === 'family')!.person;
  return { system, family, token: await system.tokenFor(family.id) };
}

/** A gateway of the test's own over the system's subgraphs (or relays in front of them). */
function gatewayOver(system: EmbeddedSystem, overrides: Partial<GatewayConfig>, log?: MemoryLog): Promise<RunningGateway> {
  return startGateway(
    {
      port: 0,
      host: '127.0.0.1',
      production: false,
      logLevel: 'warn',
      supergraphSdl: readCommittedSupergraph(),
      subgraphUrls: subgraphUrlsOf(system),
      auth: { jwks: { keys: system.signOn.jwks() }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
      internalPrivateJwk: system.keys.internal.privateJwk,
      subgraphTimeoutMs: 10_000,
      subgraphConnections: 4,
      rateLimit: false,
      ...overrides,
    },
    { logger: createLogger({ service: 'gateway', level: log ? 'warn' : 'silent', ...(log ? { destination: log } : {}) }) },
  );
}

/** Whether `down` alone resolves the Resident field (a key every subgraph knows is nobody's alone). */
const onlyOf = (down: SubgraphName, field: string): boolean => {
  const owners = reading.ownersOf('Resident', field);
  return owners.length > 0 && owners.every((owner) => owner === down);
};

/** Every Resident field of the answer is null exactly when the subgraph that is down resolves it, children included. */
function expectOnlyFieldsOf(down: SubgraphName, me: Row, system: EmbeddedSystem): void {
  for (const [field, value] of Object.entries(me)) {
    const owned = onlyOf(down, field);
    expect({ field, isNull: value === null }).toEqual({ field, isNull: owned });
    if (field !== 'children' || value === null) continue;
    for (const child of value as Row[]) {
      const pupil = Boolean(system.population.person(Number(child.id))?.meshPersonId);
      for (const [childField, childValue] of Object.entries(child)) {
        const childOwned = onlyOf(down, childField);
        if (childField === 'student' && !pupil) continue;
        expect({ field: `children.${childField}`, isNull: childValue === null }).toEqual({ field: `children.${childField}`, isNull: childOwned });
      }
    }
  }
}

function expectErrorsName(down: SubgraphName, reply: Reply): void {
  expect(reply.errors?.length).toBeGreaterThan(0);
  for (const error of reply.errors ?? []) {
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: down });
    // Each error points at a field the answer holds as null.
    expect(error.path?.length).toBeGreaterThan(0);
    const value = (error.path ?? []).reduce<unknown>((at, key) => (at as Record<string | number, unknown> | null | undefined)?.[key], reply.data);
    expect({ path: error.path, value }).toEqual({ path: error.path, value: null });
  }
}

/** The gateway's log lines about failed fetches of `down`; none of them names the resident. */
function failedFetchLines(log: MemoryLog, down: SubgraphName, family: Person): Array<Record<string, unknown>> {
  const lines = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'subgraph fetch failed' && l.subgraph === down);
  for (const line of lines) expect(JSON.stringify(line)).not.toMatch(new RegExp(`${family.lastName}|${family.snils}|${family.omsNumber}`));
  return lines;
}

describe.each(DASHBOARD_SUBGRAPHS)('the %s subgraph stopped', (down) => {
  const log = new MemoryLog();
  let system: EmbeddedSystem;
  let family: Person;
  let token: string;

  beforeAll(async () => {
    ({ system, family, token } = await startSystem(log));
    await system.subgraphs[down].close();
  });
  afterAll(() => system.close());

  it('nulls only its fields of the dashboard, names it, and is logged by the gateway', async () => {
    const reply = await postGraphQL<{ me: Row | null }>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    expect(reply.status).toBe(200);
    expectErrorsName(down, reply);
    if (down === ROOT) expect(reply.data?.me).toBeNull();
    else expectOnlyFieldsOf(down, reply.data!.me!, system);
    const [line] = failedFetchLines(log, down, family);
    expect(line).toMatchObject({ level: 40, subgraph: down, cause: 'connection', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('nulls medicalAccessLog only when it is the subgraph that resolves it', async () => {
    const reply = await postGraphQL<{ me: Row | null }>(system.gateway.graphqlUrl, MEDICAL_ACCESS_LOG, { token });
    if (down === ROOT) return expect(reply.data?.me).toBeNull();
    expectOnlyFieldsOf(down, reply.data!.me!, system);
    if (onlyOf(down, 'medicalAccessLog')) expectErrorsName(down, reply);
    else expect(reply.errors).toBeUndefined();
  });

  it('does the same for the persisted dashboard in production', async () => {
    const file = join(repoRoot(), 'operations', MANIFEST_FILE);
    const gateway = await gatewayOver(system, { production: true, trustedDocuments: TrustedDocuments.fromFile(file) });
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedQueryManifest;
      const id = manifest.operations.find((operation) => operation.name === 'ResidentDashboard')!.id;
      const raw = await send(gateway.graphqlUrl, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      });
      const reply = { status: raw.status, ...raw.json } as Reply;
      expectErrorsName(down, reply);
      if (down === ROOT) expect(reply.data?.me).toBeNull();
      else expectOnlyFieldsOf(down, reply.data!.me!, system);
    } finally {
      await gateway.close();
    }
  });
});

describe('a subgraph that hangs, answers garbage or answers 502', () => {
  const log = new MemoryLog();
  let system: EmbeddedSystem;
  let family: Person;
  let token: string;
  let relays: Record<SubgraphName, SubgraphRelay>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    ({ system, family, token } = await startSystem(log));
    relays = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await SubgraphRelay.start(`${system.subgraphs[name].url}/graphql`)] as const))) as Record<
      SubgraphName,
      SubgraphRelay
    >;
    gateway = await gatewayOver(
      system,
      {
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, relays[name].url])) as Record<SubgraphName, string>,
        // A hanging subgraph is cut here; the request as a whole keeps its longer budget.
        subgraphTimeoutMs: 1_000,
      },
      log,
    );
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all(Object.values(relays).map((relay) => relay.close()));
    await system.close();
  });
  afterEach(() => {
    for (const relay of Object.values(relays)) relay.mode = 'pass';
  });

  const cases: Array<[SubgraphName, RelayMode, string]> = DASHBOARD_SUBGRAPHS.flatMap((name) => [
    [name, 'hang', 'timeout'] as [SubgraphName, RelayMode, string],
    [name, 'garbage', 'bad-response'] as [SubgraphName, RelayMode, string],
    [name, 'bad-gateway', 'http-status'] as [SubgraphName, RelayMode, string],
  ]);

  it.each(cases)('%s answering %s: only its fields are null, and the log says %s', async (down, mode, cause) => {
    relays[down].mode = mode;
    const before = failedFetchLines(log, down, family).length;
    const reply = await postGraphQL<{ me: Row | null }>(gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    expect(reply.status).toBe(200);
    expectErrorsName(down, reply);
    if (down === ROOT) expect(reply.data?.me).toBeNull();
    else expectOnlyFieldsOf(down, reply.data!.me!, system);
    const lines = failedFetchLines(log, down, family).slice(before);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({ cause });
  });
});
