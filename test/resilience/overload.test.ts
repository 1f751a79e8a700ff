import { request } from 'undici';
import { type EmbeddedSystem, startEmbeddedSystem, subgraphUrlsOf } from '../../deploy/embedded-system';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type RunningGateway, startGateway } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { ERROR_CODES } from '../../platform/errors';
import { createLogger } from '../../platform/logging';
import { readCommittedSupergraph } from '../../schema';
import type { ClientReply } from '../support/graphql-client';
import { scrape } from '../support/prometheus-text';
import { SubgraphRelay } from '../support/subgraph-relay';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const READ = /* GraphQL */ `{ me { fullName } }`;
const READ_WITH_PARKING = /* GraphQL */ `{ me { fullName parkingAccount { balance { kopecks } } } }`;
const START_PARKING = /* GraphQL */ `mutation($input: StartParkingSessionInput!) { startParkingSession(input: $input) { session { id plate } } }`;

/** How a client sees one answer: the status, the headers that matter and the body. */
interface Answer<T = Record<string, unknown>> extends ClientReply<T> {
  retryAfter: string | undefined;
}

async function post<T = Record<string, unknown>>(url: string, query: string, token: string, variables?: Record<string, unknown>): Promise<Answer<T>> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const retryAfter = res.headers['retry-after'];
  return { status: res.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, ...((await res.body.json()) as object) };
}

async function setFaults(system: EmbeddedSystem, name: keyof EmbeddedSystem['simulators'], faults: Record<string, unknown> | undefined): Promise<void> {
  const res = await request(`${system.simulators[name].url}/__admin/faults`, faults ? { method: 'POST', body: JSON.stringify(faults) } : { method: 'DELETE' });
  await res.body.dump();
}

/** Polls `probe` until it answers true, or fails after the deadline. */
async function eventually(probe: () => Promise<boolean>, what: string, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectRefusedForOverload(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('1');
  expect(answer.data).toBeUndefined();
  expect(answer.errors).toEqual([{ message: ERROR_CODES.OVERLOADED, extensions: { code: 'OVERLOADED', retryAfterSeconds: 1 } }]);
}

/**
 * The gateway flooded while the registry is slow (its latency raised through the admin
 * endpoint): reads beyond the gateway's limit are refused at once with 503, Retry-After and
 * OVERLOADED, a mutation is admitted all the same, and once the flood is over reads are admitted
 * again. The gateway's limit is pinned small here, so the counts do not depend on how busy the
 * machine running the test is; how the limit moves is the unit tests' (platform/http/admission).
 */
describe('the gateway under a flood', () => {
  let system: EmbeddedSystem;
  let family: Person;
  let token: string;

  beforeAll(async () => {
    system = await startEmbeddedSystem({
      now: NOW,
      logLevel: 'silent',
      // Four places: three for reads, one more for a mutation.
      gateway: { rateLimit: false, admission: { initialLimit: 4, minLimit: 4, maxLimit: 4 } },
    });
    family = demoResidents(system.population).find((d) => d.key === 'family')!.person;
    token = await system.tokenFor(family.id);
  });
  afterAll(() => system.close());

  const admissionOnReadyz = async (): Promise<{ limit: number; normalLimit: number; inFlight: number; refused: { normal: number; critical: number } }> => {
    const res = await request(`${system.gateway.url}/readyz`);
    expect(res.statusCode).toBe(200);
    return ((await res.body.json()) as { admission: never }).admission;
  };

  it('refuses reads beyond its limit at once, admits a mutation meanwhile, and admits reads again after', async () => {
    expect((await post(system.gateway.graphqlUrl, READ, token)).status).toBe(200);
    await setFaults(system, 'registry', { latencyMs: 2_000 });
    let flood: Array<Promise<Answer>> = [];
    try {
      flood = Array.from({ length: 12 }, () => post(system.gateway.graphqlUrl, READ, token));
      await eventually(async () => (await admissionOnReadyz()).inFlight >= 3, 'three reads under way');

      const plate = family.vehicles[0]!.plate;
      const mutation = await post<{ startParkingSession: { session: { id: string; plate: string } } }>(system.gateway.graphqlUrl, START_PARKING, token, {
        input: { plate, zone: '0201', minutes: 30 },
      });
      expect(mutation.status).toBe(200);
      expect(mutation.errors).toBeUndefined();
      expect(mutation.data?.startParkingSession.session.plate).toBe(plate);
    } finally {
      await setFaults(system, 'registry', undefined);
    }
    const answers = await Promise.all(flood);
    const refused = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status !== 503);
    expect(refused.length).toBeGreaterThanOrEqual(9);
    refused.forEach(expectRefusedForOverload);
    for (const answer of served) expect(answer).toMatchObject({ status: 200, data: { me: { fullName: expect.any(String) } } });

    // Readiness shows the refusals and does not fail for them; /metrics counts them by priority.
    const state = await admissionOnReadyz();
    expect(state).toMatchObject({ limit: 4, normalLimit: 3, refused: { normal: refused.length, critical: 0 } });
    const metrics = await scrape(system.gateway.url);
    expect(metrics.value('admission_refusals_total', { priority: 'normal', service: 'gateway' })).toBe(refused.length);
    expect(metrics.value('admission_refusals_total', { priority: 'critical', service: 'gateway' })).toBe(0);
    expect(metrics.value('admission_concurrency_limit', { service: 'gateway' })).toBe(4);

    await eventually(async () => (await post(system.gateway.graphqlUrl, READ, token)).status === 200, 'a read admitted after the flood');
  });
});

/**
 * A subgraph flooded behind a gateway that lets the flood through: the parking subgraph (its
 * limit pinned small, its legacy system slowed) refuses what it cannot take with 503 and
 * Retry-After, and the gateway answers those requests with the resident's name and only the
 * parking fields null, SUBGRAPH_UNAVAILABLE naming parking, without trying the subgraph again.
 */
describe('a subgraph under a flood, behind the gateway', () => {
  let system: EmbeddedSystem;
  let relay: SubgraphRelay;
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: NOW, logLevel: 'silent', subgraphAdmission: { parking: { initialLimit: 2, minLimit: 2, maxLimit: 2 } } });
    relay = await SubgraphRelay.start(`${system.subgraphs.parking.url}/graphql`);
    gateway = await startGateway(
      {
        port: 0,
        host: '127.0.0.1',
        production: false,
        logLevel: 'silent',
        supergraphSdl: readCommittedSupergraph(),
        subgraphUrls: { ...subgraphUrlsOf(system), parking: relay.url },
        auth: { jwks: { keys: system.signOn.jwks() }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: system.keys.internal.privateJwk,
        subgraphTimeoutMs: 10_000,
        subgraphConnections: 16,
        rateLimit: false,
      },
      { logger: createLogger({ service: 'gateway', level: 'silent' }) },
    );
    token = await system.tokenFor(demoResidents(system.population).find((d) => d.key === 'family')!.person.id);
  });
  afterAll(async () => {
    await gateway.close();
    await relay.close();
    await system.close();
  });

  it('nulls only the parking fields of what parking refused, asks it once per request, and serves whole again after', async () => {
    expect((await post(gateway.graphqlUrl, READ_WITH_PARKING, token)).errors).toBeUndefined();
    relay.reset();
    await setFaults(system, 'parking', { latencyMs: 2_000 });
    let answers: Array<Answer<{ me: { fullName: string; parkingAccount: { balance: { kopecks: number } } | null } }>>;
    try {
      answers = await Promise.all(
        Array.from({ length: 6 }, () => post<{ me: { fullName: string; parkingAccount: { balance: { kopecks: number } } | null } }>(gateway.graphqlUrl, READ_WITH_PARKING, token)),
      );
    } finally {
      await setFaults(system, 'parking', undefined);
    }
    // One fetch of parking per request: a refusal is not retried.
    expect(relay.count).toBe(6);
    const shed = answers.filter((a) => a.data?.me.parkingAccount === null);
    expect(shed.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.data?.me.fullName).toEqual(expect.any(String));
    }
    for (const answer of shed) {
      expect(answer.errors).toEqual([
        { message: expect.any(String), path: ['me', 'parkingAccount'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'parking', retryAfterSeconds: 1 } },
      ]);
    }
    const parkingMetrics = await scrape(system.subgraphs.parking.url);
    expect(parkingMetrics.value('admission_refusals_total', { priority: 'normal' })).toBe(shed.length);
    const ready = (await (await request(`${system.subgraphs.parking.url}/readyz`)).body.json()) as { status: string; admission: { refused: { normal: number } } };
    expect(ready.admission.refused.normal).toBe(shed.length);
    expect(ready.status).toBe('ready');

    await eventually(async () => {
      const answer = await post(gateway.graphqlUrl, READ_WITH_PARKING, token);
      return answer.errors === undefined;
    }, 'parking admitting again after the flood');
  });
});
