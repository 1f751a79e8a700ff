import type { RunningGateway } from '../../gateway';
import { demoResidents, type Person } from '../../legacy/population';
import { RESIDENT_DASHBOARD } from '../../operations';
import { INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer } from '../../platform/auth';
import { createLogger } from '../../platform/logging';
import { eventually } from '../support/eventually';
import { codes, gql } from './support/http';
import { legacyCallCounts, MemoryLog, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * Requests full of personal data — in tokens, variables, literals, operation names, request ids
 * and headers, answered with more of it — leave none of it in any service's log, read at trace
 * level from an in-memory destination. And the rate limits per principal and per address.
 */
describe('logs and rate limits', () => {
  const log = new MemoryLog();
  let secure: SecureSystem;
  let gateway: RunningGateway;
  let family: Person;
  let child: Person;

  beforeAll(async () => {
    const logger = createLogger({ service: 'embedded', level: 'trace', destination: log });
    secure = await startSecureSystem({ logger });
    gateway = await secure.startGateway({}, logger.child({ service: 'gateway-under-test' }));
    family = demoResidents(secure.system.population).find((d) => d.key === 'family')!.person;
    child = secure.system.population.person(family.childIds[0]!)!;
  });
  afterAll(() => secure.close());

  it('writes no SNILS, OMS number, name, address or token to the logs', async () => {
    const url = gateway.graphqlUrl;
    const token = await secure.system.tokenFor(family.id);
    const staffToken = await secure.system.signOn.issueStaff('registry:clerk-3', ['residents:read', 'health:read'], `check of ${family.lastName}`);
    const credential = await (await InternalCredentialIssuer.create({ privateJwk: secure.keys.internal.privateJwk })).credentialFor(
      { kind: 'resident', personId: String(child.id) },
      'residents',
    );
    const digits = family.snils.replace(/\D/g, '');
    const personal = {
      snils: family.snils,
      oms: family.omsNumber,
      name: `${family.lastName} ${family.firstName} ${family.middleName}`,
      address: family.registration.addressText,
    };

    const replies = [
      await gql(url, RESIDENT_DASHBOARD, { token }),
      await gql(url, `query Snils${digits} { me { id fullName snils registeredAddress { text } children { fullName snils } } }`, { token, headers: { 'x-request-id': digits } }),
      await gql(url, `{ resident(id: "${personal.snils}") { id } }`, { token }),
      await gql(url, 'query($s: String!) { me { fullName(format: $s) } }', { token, variables: { s: personal.name, snils: personal.snils, oms: personal.oms, address: personal.address } }),
      await gql(url, 'mutation($input: SubmitMeterReadingsInput!) { submitMeterReadings(input: $input, idempotencyKey: "k-1") { results { status } } }', {
        token,
        variables: { input: { payerCode: personal.oms, readings: [{ meterId: personal.snils, value: -1 }], owner: personal.name } },
      }),
      await gql(url, `{ resident(id: "${family.id}") { id fullName snils birthDate registeredAddress { text } medicalCard { documents(first: 1) { title } } } }`, { token: staffToken }),
      await gql(url, '{ me { id } }', { token: `${token.slice(0, -6)}AAAAAA` }),
      await gql(url, '{ me { id } }', { headers: { authorization: `Bearer ${personal.snils}`, [INTERNAL_CREDENTIAL_HEADER]: credential, cookie: `session=${token}` } }),
    ];
    // The data really went through: the dashboard and the staff read answered with personal data.
    expect(replies[0]!.text).toContain(family.lastName);
    expect(replies[5]!.text).toContain(family.lastName);

    // Read the log once every answered request has its line in it (the gateway writes it as the
    // answer goes out; the subgraphs' lines come before their answers).
    const answered = replies.map((r) => r.headers['x-request-id']).filter((id): id is string => typeof id === 'string');
    expect(answered.length).toBeGreaterThan(5);
    await eventually(() => answered.every((id) => log.lines.some((line) => line.includes(id) && line.includes('"graphql request"'))), { what: 'a log line for every answered request' });
    const text = log.text();
    expect(log.lines.length).toBeGreaterThan(10);
    for (const [what, value] of Object.entries({
      ...personal,
      snilsDigits: digits,
      lastName: family.lastName,
      firstName: family.firstName,
      childLastName: child.lastName,
      token,
      staffToken,
      credential,
    })) {
      expect({ what, found: text.includes(value) }).toEqual({ what, found: false });
    }
  });

  describe('rate limits', () => {
    let limited: RunningGateway;

    beforeAll(async () => {
      limited = await secure.startGateway({ rateLimit: { perPrincipal: { perMinute: 60, burst: 3 }, perAddress: { perMinute: 60, burst: 6 } } });
    });
    beforeEach(() => resetLegacyStats(secure.system));

    it('refuses a principal over its limit with 429 and Retry-After, before any legacy call; then the address', async () => {
      const token = await secure.system.tokenFor(family.id);
      for (let i = 0; i < 3; i++) expect(codes(await gql(limited.graphqlUrl, '{ me { id } }', { token }))).toEqual([]);
      resetLegacyStats(secure.system);
      const refused = await gql(limited.graphqlUrl, '{ me { id } }', { token });
      expect(refused.status).toBe(429);
      expect(codes(refused)).toEqual(['RATE_LIMITED']);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.json?.errors?.[0]?.extensions?.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
      expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);

      // Another resident from the same address still gets through, until the address's own limit.
      const other = await secure.system.tokenFor(demoResidents(secure.system.population).find((d) => d.key === 'driver')!.person.id);
      expect((await gql(limited.graphqlUrl, '{ me { id } }', { token: other })).status).toBe(200);
      expect((await gql(limited.graphqlUrl, '{ me { id } }', { token: other })).status).toBe(200);
      const address = await gql(limited.graphqlUrl, '{ parking(id: "1") { id } }');
      expect(address.status).toBe(429);
    });
  });
});
