import { randomUUID } from 'node:crypto';
import type { RunningGateway } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import type { AuditTrail } from '../../platform/audit';
import { createLogger } from '../../platform/logging';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { SubgraphRelay } from '../support/subgraph-relay';
import { codes, gql } from './support/http';
import { MemoryLog, type SecureSystem, startSecureSystem } from './support/secure-system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a client writes into headers the gateway keys things on. Findings 9 and 10 of the security
 * review: the per-address rate limit took the leftmost, client-written `X-Forwarded-For` entry,
 * and client request ids shaped like a SNILS or a name and birth date passed into logs, audit rows
 * and subgraph calls.
 */
describe('headers a client writes', () => {
  const log = new MemoryLog();
  let secure: SecureSystem;
  let relays: Record<SubgraphName, SubgraphRelay>;
  let gateway: RunningGateway;
  let trail: AuditTrail;
  let family: Person;

  beforeAll(async () => {
    const logger = createLogger({ service: 'embedded', level: 'trace', destination: log });
    secure = await startSecureSystem({ logger });
    relays = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await SubgraphRelay.start(`${secure.system.subgraphs[name].url}/graphql`)] as const))) as Record<
      SubgraphName,
      SubgraphRelay
    >;
    gateway = await secure.startGateway(
      {
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, relays[name].url])) as Record<SubgraphName, string>,
        // One load balancer in front, appending the address it was reached from.
        trustedProxies: 1,
        clientAddressHeader: 'x-forwarded-for',
        rateLimit: { perPrincipal: { perMinute: 6_000, burst: 1_000 }, perAddress: { perMinute: 60, burst: 3 } },
      },
      logger.child({ service: 'gateway-under-test' }),
    );
    trail = secure.system.audit;
    family = demoResidents(secure.system.population).find((d) => d.key === 'family')!.person;
  });
  afterAll(async () => {
    await trail.close();
    await secure.close();
    await Promise.all(Object.values(relays).map((relay) => relay.close()));
  });

  describe('X-Forwarded-For', () => {
    it('forged leftmost entries do not move a client out of its per-address limit', async () => {
      const from = (forged: string, client: string) => ({ 'x-forwarded-for': `${forged}, ${client}` });
      for (let i = 0; i < 3; i++) expect((await gql(gateway.graphqlUrl, '{ __typename }', { headers: from(`198.51.100.${i}`, '203.0.113.7') })).status).toBe(200);
      const refused = await gql(gateway.graphqlUrl, '{ __typename }', { headers: from('198.51.100.99', '203.0.113.7') });
      expect(refused.status).toBe(429);
      expect(codes(refused)).toEqual(['RATE_LIMITED']);
      // Nor does leaving the header out, or writing the client's own address in front.
      expect((await gql(gateway.graphqlUrl, '{ __typename }', { headers: from('203.0.113.8', '203.0.113.7') })).status).toBe(429);
      // Another client behind the same proxy has a bucket of its own.
      expect((await gql(gateway.graphqlUrl, '{ __typename }', { headers: from('203.0.113.7', '203.0.113.8') })).status).toBe(200);
    });
  });

  describe('X-Request-Id', () => {
    const snilsDigits = () => family.snils.replace(/\D/g, '');
    const hostile = () => ({
      snils: family.snils,
      snilsAsId: `snils-${snilsDigits().slice(0, 3)}-${snilsDigits().slice(3, 6)}-${snilsDigits().slice(6, 9)}-${snilsDigits().slice(9)}`,
      nameAndBirthDate: `kuzmin-ilya-${family.birthDate}`,
      omsAsId: `oms-${family.omsNumber.match(/.{1,4}/g)!.join('-')}`,
    });

    it('a SNILS-shaped or name-and-birth-date id reaches no log, no audit row and no subgraph: the gateway mints one', async () => {
      const token = await secure.system.tokenFor(family.id);
      const staff = await secure.system.signOn.issueStaff('polyclinic-12:doctor-7', ['health:read'], 'follow-up');
      for (const relay of Object.values(relays)) relay.reset();
      const minted: string[] = [];
      for (const id of Object.values(hostile())) {
        for (const [query, bearer] of [
          ['{ me { id appointments { id } } }', token],
          [`{ resident(id: "${family.id}") { id appointments { id } } }`, staff],
        ] as const) {
          const reply = await gql(gateway.graphqlUrl, query, { token: bearer, headers: { 'x-request-id': id, 'x-forwarded-for': `203.0.113.${minted.length + 20}` } });
          expect(codes(reply)).toEqual([]);
          minted.push(String(reply.headers['x-request-id']));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ids = Object.values(hostile());
      const text = log.text();
      for (const id of ids) expect({ id, inLogs: text.includes(id) }).toEqual({ id, inLogs: false });
      const received = Object.values(relays).flatMap((relay) => relay.received.map((headers) => String(headers['x-request-id'])));
      expect(received.length).toBeGreaterThan(0);
      for (const id of received) expect(id).toMatch(UUID);
      const rows = await trail.query({ subjectId: String(family.id), limit: 100 });
      for (const row of rows) expect(ids).not.toContain(row.requestId);
      // Each read was audited, under the id the gateway minted and told the client.
      for (const id of minted) {
        expect(id).toMatch(UUID);
        expect(rows.some((row) => row.requestId === id)).toBe(true);
      }
    });

    it("keeps a client's UUID: in the answer, the subgraph calls and the audit row", async () => {
      const token = await secure.system.tokenFor(family.id);
      const id = randomUUID();
      for (const relay of Object.values(relays)) relay.reset();
      const reply = await gql(gateway.graphqlUrl, '{ me { id appointments { id } } }', { token, headers: { 'x-request-id': id.toUpperCase(), 'x-forwarded-for': '203.0.113.50' } });
      expect(codes(reply)).toEqual([]);
      expect(reply.headers['x-request-id']).toBe(id);
      expect(relays.health.received.map((headers) => headers['x-request-id'])).toEqual([id]);
      expect((await trail.query({ subjectId: String(family.id), limit: 100 })).filter((row) => row.requestId === id)).toHaveLength(1);
    });
  });
});
