import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { chargesForSts, createParkingSimulator, GET_CHARGES_ENDPOINT, initialBalanceKopecks, ParkingReference, permitsForPlate, sessionCost } from '../../legacy/parking';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import { KeySeal } from '../../platform/auth';
import type { Logger } from '../../platform/logging';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createParkingSubgraph, type ParkingConfig, parkingConfigFromEnv } from './service';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const CYRILLIC_TO_LATIN: Record<string, string> = { А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x' };
const latin = (plate: string): string => [...plate].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');

const DASHBOARD = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident {
        vehicles { plate fines { uin status issuedAt amount { kopecks } } residentPermit { zone validUntil } }
        parkingAccount { balance { kopecks } }
      }
    }
  }
`;
const START = /* GraphQL */ `
  mutation ($input: StartParkingSessionInput!) {
    startParkingSession(input: $input) { session { id plate zone status startTime endTime cost { kopecks } } balance { kopecks } }
  }
`;
const STOP = /* GraphQL */ `
  mutation ($id: ID!) { stopParkingSession(sessionId: $id) { session { status cost { kopecks } } refund { kopecks } balance { kopecks } } }
`;

interface Dashboard {
  _entities: Array<{
    vehicles: Array<{
      plate: string;
      fines: Array<{ uin: string; status: string; issuedAt: string; amount: { kopecks: number } }> | null;
      residentPermit: { zone: string; validUntil: string } | null;
    }>;
    parkingAccount: { balance: { kopecks: number } } | null;
  }>;
}

describe('parking subgraph', () => {
  const population = new Population();
  const reference = new ParkingReference(population.seed);
  const clock = new AdjustableClock(NOW);
  const driver = population.findAdult(
    (p) =>
      p.vehicles.length === 2 &&
      initialBalanceKopecks(population.seed, p.id) > 100_000 &&
      p.vehicles.every((v) => chargesForSts(population, v.sts, NOW).length > 0) &&
      p.vehicles.some((v) => permitsForPlate(population.seed, reference, v.plate, '2026-11-21').length > 0),
  );
  const stranger = population.findAdult((p) => p.id !== driver.id && p.vehicles.length > 0 && p.childIds.length === 0 && initialBalanceKopecks(population.seed, p.id) > 100_000);
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  const representation = (p: Person) => ({
    __typename: 'Resident',
    id: String(p.id),
    sealedParkingKeys: subgraph.seal('parking', String(p.id), { vehicles: p.vehicles, parkingAccountId: p.parkingAccountId }),
  });
  const zone = reference.allZones().find((z) => z.hourlyKopecks <= 10_000)!;
  let registry: RunningSimulator;
  let parking: RunningSimulator;
  let subgraph: TestSubgraph;

  const balanceOf = async (p: Person): Promise<number> => {
    const reply = await subgraph.query<Dashboard>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { parkingAccount { balance { kopecks } } } } }',
      { r: [representation(p)] },
      resident(p),
    );
    return reply.data!._entities[0]!.parkingAccount!.balance.kopecks;
  };

  beforeAll(async () => {
    registry = await startSimulator(createRegistrySimulator({ population, clock: new AdjustableClock(), serviceToken: DEFAULT_SERVICE_TOKEN }));
    parking = await startSimulator(createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    subgraph = await startTestSubgraph((config: ParkingConfig, logger: Logger) => createParkingSubgraph(config, logger, { clock }), {
      registryUrl: registry.url,
      parkingUrl: parking.url,
      finesUrl: parking.url,
      parkingServiceToken: DEFAULT_SERVICE_TOKEN,
    });
  });
  afterAll(async () => {
    await subgraph.close();
    await parking.close();
    await registry.close();
  });
  beforeEach(() => {
    registry.stats.reset();
    parking.stats.reset();
    parking.faults.clear();
    clock.set(NOW);
  });

  it('serves the dashboard part for two cars with one SOAP call and one permits call', async () => {
    const reply = await subgraph.query<Dashboard>(DASHBOARD, { r: [representation(driver)] }, resident(driver));
    expect(reply.errors).toBeUndefined();
    const me = reply.data!._entities[0]!;
    expect(me.vehicles.map((v) => v.plate)).toEqual(driver.vehicles.map((v) => v.plate));
    driver.vehicles.forEach((car, i) => {
      const charges = chargesForSts(population, car.sts, NOW);
      expect(me.vehicles[i]!.fines!.map((f) => f.uin).sort()).toEqual(charges.map((c) => c.SupplierBillID).sort());
      const permits = permitsForPlate(population.seed, reference, car.plate, '2026-11-21');
      if (permits.length === 0) expect(me.vehicles[i]!.residentPermit).toBeNull();
      else expect(permits.map((p) => p.validTo)).toContain(me.vehicles[i]!.residentPermit!.validUntil);
    });
    expect(me.vehicles[0]!.fines![0]!.issuedAt).toMatch(/\+03:00$/);
    expect(me.parkingAccount?.balance.kopecks).toBe(initialBalanceKopecks(population.seed, driver.id));
    expect(parking.stats.snapshot().endpoints).toEqual({
      [GET_CHARGES_ENDPOINT]: 1,
      'GET /api/2.40/permits': 1,
      'PUT /api/2.40/accounts/getbalance': 1,
    });
  });

  it('shows discounts and articles on fines', async () => {
    const reply = await subgraph.query<{
      _entities: Array<{
        vehicles: Array<{ fines: Array<{ article: string; discountUntil: string | null; amount: { kopecks: number }; discountedAmount: { kopecks: number } | null; status: string }> }>;
      }>;
    }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { vehicles { fines(first: 100) { article status discountUntil amount { kopecks } discountedAmount { kopecks } } } } } }',
      { r: [representation(driver)] },
      resident(driver),
    );
    const fines = reply.data!._entities[0]!.vehicles.flatMap((v) => v.fines);
    const charges = driver.vehicles.flatMap((v) => chargesForSts(population, v.sts, NOW));
    expect(fines.map((f) => f.article).sort()).toEqual(charges.map((c) => c.Purpose).sort());
    // Half price exactly while unpaid and on or before the discount's last day (the pinned clock's 2026-11-21).
    const expected = charges.map((c) => (c.AcknowledgmentStatus === '3' && c.DiscountExpiry && c.DiscountExpiry >= '2026-11-21' ? Number(c.TotalAmount) / 2 : null));
    expect(fines.map((f) => f.discountedAmount?.kopecks ?? null).sort()).toEqual(expected.sort());
    expect(fines.map((f) => f.discountUntil).sort()).toEqual(charges.map((c) => c.DiscountExpiry ?? null).sort());
  });

  it('keeps the other fields when the fines service is down, and names it', async () => {
    // A driver whose fines nobody has read here, so no stale copy can stand in for the service.
    const unread = population.findAdult((p) => p.id !== driver.id && p.id !== stranger.id && p.vehicles.length === 2 && p.parkingAccountId !== null);
    parking.faults.set({ endpoint: GET_CHARGES_ENDPOINT, errorRate: 1, status: 503 });
    const reply = await subgraph.query<Dashboard>(DASHBOARD, { r: [representation(unread)] }, resident(unread));
    const me = reply.data!._entities[0]!;
    expect(me.vehicles.map((v) => v.fines)).toEqual([null, null]);
    expect(me.parkingAccount?.balance.kopecks).toEqual(expect.any(Number));
    expect(reply.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'fines' }),
      expect.objectContaining({ code: 'LEGACY_UNAVAILABLE', system: 'fines' }),
    ]);
  });

  it('refuses a representation of someone the resident does not represent, with no legacy call', async () => {
    const reply = await subgraph.query(DASHBOARD, { r: [representation(stranger)] }, resident(driver));
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(parking.stats.snapshot().total).toBe(0);
  });

  it('starts a session for a plate typed in Latin and charges its cost to the balance', async () => {
    const before = await balanceOf(driver);
    const plate = driver.vehicles[1]!.plate;
    const reply = await subgraph.query<{ startParkingSession: { session: { id: string; plate: string; status: string; cost: { kopecks: number } }; balance: { kopecks: number } } }>(
      START,
      { input: { plate: ` ${latin(plate)} `, zone: zone.number, minutes: 90 } },
      resident(driver),
    );
    expect(reply.errors).toBeUndefined();
    const { session, balance } = reply.data!.startParkingSession;
    expect(session).toMatchObject({ plate, status: 'ACTIVE', cost: { kopecks: sessionCost(90, zone) } });
    expect(balance.kopecks).toBe(before - sessionCost(90, zone));
    expect(await balanceOf(driver)).toBe(before - sessionCost(90, zone));

    const again = await subgraph.query(START, { input: { plate, zone: zone.number, minutes: 30 } }, resident(driver));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'SESSION_ALREADY_ACTIVE', system: 'parking' });

    clock.set(new Date(NOW.getTime() + 30 * 60_000));
    const stop = await subgraph.query<{ stopParkingSession: { refund: { kopecks: number }; balance: { kopecks: number } } }>(STOP, { id: session.id }, resident(driver));
    expect(stop.errors).toBeUndefined();
    expect(stop.data!.stopParkingSession.refund.kopecks).toBe(sessionCost(90, zone) - sessionCost(30, zone));
    expect(stop.data!.stopParkingSession.balance.kopecks).toBe(before - sessionCost(30, zone));
    const twice = await subgraph.query(STOP, { id: session.id }, resident(driver));
    expect(twice.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_FOUND');
  });

  it("will not stop another resident's session", async () => {
    const started = await subgraph.query<{ startParkingSession: { session: { id: string } } }>(
      START,
      { input: { plate: stranger.vehicles[0]!.plate, zone: zone.number, minutes: 15 } },
      resident(stranger),
    );
    expect(started.errors).toBeUndefined();
    const reply = await subgraph.query(STOP, { id: started.data!.startParkingSession.session.id }, resident(driver));
    expect(reply.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_FOUND');
  });

  it('refuses a session the balance does not cover with INSUFFICIENT_BALANCE', async () => {
    const poor = population.findAdult((p) => p.vehicles.length > 0 && initialBalanceKopecks(population.seed, p.id) < 1_000);
    const dear = reference.allZones().find((z) => z.hourlyKopecks >= 20_000)!;
    const reply = await subgraph.query(START, { input: { plate: poor.vehicles[0]!.plate, zone: dear.number, minutes: 60 } }, resident(poor));
    expect(reply.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_BALANCE');
  });

  it.each([
    ['a malformed plate', { plate: 'Б123ВС77', zone: '0101', minutes: 60 }, 'INVALID_PLATE', 'plate'],
    ['a plate with 000', { plate: 'A000BC77', zone: '0101', minutes: 60 }, 'INVALID_PLATE', 'plate'],
    ['too few minutes', { plate: 'A123BC77', zone: '0101', minutes: 5 }, 'BAD_USER_INPUT', 'minutes'],
    ['more than a day', { plate: 'A123BC77', zone: '0101', minutes: 1441 }, 'BAD_USER_INPUT', 'minutes'],
    ['a zone that is not four digits', { plate: 'A123BC77', zone: 'центр', minutes: 60 }, 'BAD_USER_INPUT', 'zone'],
  ])('refuses %s before any legacy call', async (_name, input, code, field) => {
    const reply = await subgraph.query(START, { input }, resident(driver));
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(parking.stats.snapshot().total).toBe(0);
    expect(registry.stats.snapshot().total).toBe(0);
  });

  it('asks for a sign-in before starting a session', async () => {
    const reply = await subgraph.query(START, { input: { plate: 'A123BC77', zone: '0101', minutes: 60 } });
    expect(reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(parking.stats.snapshot().total).toBe(0);
  });

  it('pages sessions with a hard maximum', async () => {
    // Three sessions of its own, whatever history the account has.
    for (const plate of ['А001АА77', 'А002АА77', 'А003АА77']) {
      expect((await subgraph.query(START, { input: { plate, zone: zone.number, minutes: 15 } }, resident(driver))).errors).toBeUndefined();
    }
    const query =
      'query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Resident { parkingAccount { sessions(first: $first, after: $after) { items { id startTime } totalCount nextCursor } } } } }';
    type Page = { _entities: Array<{ parkingAccount: { sessions: { items: { id: string }[]; totalCount: number; nextCursor: string | null } } }> };
    const first = await subgraph.query<Page>(query, { r: [representation(driver)], first: 2 }, resident(driver));
    const page = first.data!._entities[0]!.parkingAccount.sessions;
    expect(page.items.length).toBe(2);
    expect(page.totalCount).toBeGreaterThanOrEqual(3);
    const second = await subgraph.query<Page>(query, { r: [representation(driver)], first: 2, after: page.nextCursor }, resident(driver));
    const ids = second.data!._entities[0]!.parkingAccount.sessions.items.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => page.items.map((s) => s.id).includes(id))).toBe(false);
    parking.stats.reset();
    const tooMany = await subgraph.query(query, { r: [representation(driver)], first: 51 }, resident(driver));
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await subgraph.query(query, { r: [representation(driver)], first: 5, after: 'bm90LWEtY3Vyc29y' }, resident(driver));
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(parking.stats.snapshot().total).toBe(0);
  });

  it('answers parking reference data to anyone', async () => {
    const lot = reference.parking(1234)!;
    const reply = await subgraph.query<{ parking: { zone: { number: string; hourlyTariff: { kopecks: number } } }; missing: null }>(
      '{ parking(id: "1234") { id name address zone { number hourlyTariff { kopecks rubles } } spaces { total free } } missing: parking(id: "7") { id } }',
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.parking.zone).toEqual({ number: lot.zone.number, hourlyTariff: { kopecks: lot.zone.hourlyKopecks, rubles: expect.any(String) } });
    expect(reply.data!.missing).toBeNull();
  });
});

describe('parkingConfigFromEnv', () => {
  // A well-formed Ed25519 public JWK; its x is not checked against anything here.
  const key = { INTERNAL_CREDENTIAL_PUBLIC_JWK: '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}', KEY_SEAL_SECRET: KeySeal.generateSecret() };

  it('defaults to the embedded ports and sends fines to AMPP unless told otherwise', () => {
    expect(parkingConfigFromEnv(key)).toMatchObject({ port: 4105, parkingUrl: 'http://127.0.0.1:8105', finesUrl: 'http://127.0.0.1:8105', parkingServiceToken: 'dev-service-token' });
    expect(parkingConfigFromEnv({ ...key, PARKING_URL: 'http://ampp:80' }).finesUrl).toBe('http://ampp:80');
    expect(parkingConfigFromEnv({ ...key, PARKING_URL: 'http://ampp:80', FINES_URL: 'https://gisgmp:443/x' }).finesUrl).toBe('https://gisgmp:443/x');
  });

  it('stops at start on a URL that is not http(s)', () => {
    expect(() => parkingConfigFromEnv({ ...key, FINES_URL: 'ftp://x' })).toThrow(/FINES_URL/);
  });
});
