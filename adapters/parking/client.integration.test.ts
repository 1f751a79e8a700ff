import { Agent, type Dispatcher } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS } from '../../legacy/kit';
import { chargesForSts, createParkingSimulator, GET_CHARGES_ENDPOINT, initialBalanceKopecks, ParkingReference, permitsForPlate, sessionCost } from '../../legacy/parking';
import { Population } from '../../legacy/population';
import { createLogger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { LegacyTransport } from '../transport';
import { AmppClient } from './ampp-client';
import { FinesClient } from './fines-client';

const NOW = new Date('2026-11-21T12:00:00+03:00');

describe('parking clients against the parking simulator', () => {
  const population = new Population();
  const reference = new ParkingReference(population.seed);
  const clock = new AdjustableClock(NOW);
  const driver = population.findAdult(
    (p) => p.vehicles.length === 2 && initialBalanceKopecks(population.seed, p.id) > 100_000 && p.vehicles.every((v) => chargesForSts(population, v.sts, NOW).length > 0),
  );
  const accountId = driver.parkingAccountId!;
  const parking = simulatorUnderTest({
    system: 'parking',
    simulator: () => createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
    clock,
    at: NOW,
    transport: { timeoutMs: 1000 },
  });
  /** The fines service is a system of its own on the same simulator: a transport of its own. */
  let finesTransport: LegacyTransport;
  let ampp: AmppClient;
  let fines: FinesClient;

  beforeAll(async () => {
    finesTransport = new LegacyTransport({ system: 'fines', baseUrl: parking.sim.url, timeoutMs: 1000 });
    ampp = new AmppClient({ transport: parking.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
    fines = new FinesClient({ transport: finesTransport, serviceToken: DEFAULT_SERVICE_TOKEN });
    // As the service does at start: no test below pays for the sign-in unless it ends the session.
    await ampp.openSession();
  });
  afterAll(() => finesTransport.close());

  describe('FinesClient', () => {
    it('fetches the fines of several cars in one SOAP call', async () => {
      const certificates = driver.vehicles.map((v) => v.sts);
      const result = await fines.getFines([...certificates, 'not-an-sts']);
      for (const sts of certificates) {
        expect(
          result
            .get(sts)
            ?.map((f) => f.uin)
            .sort(),
        ).toEqual(
          chargesForSts(population, sts, NOW)
            .map((c) => c.SupplierBillID)
            .sort(),
        );
      }
      expect(result.get('not-an-sts')).toEqual([]);
      expect(parking.sim.stats.snapshot().endpoints).toEqual({ [GET_CHARGES_ENDPOINT]: 1 });
    });

    it('makes no call when no certificate could have fines', async () => {
      expect(await fines.getFines(['x'])).toEqual(new Map([['x', []]]));
      expect(parking.sim.stats.snapshot().total).toBe(0);
    });

    it.each(['truncated', 'wrong-shape', 'html', 'empty'] as const)('turns %s garbage into LEGACY_BAD_RESPONSE', async (malformed) => {
      parking.sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, malformed });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'fines' });
    });

    it('never turns a soap:Fault into empty fines, whether it comes with 500 or 200', async () => {
      parking.sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, errorRate: 1, status: 500 });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines' });
      parking.sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, errorRate: 1, status: 200 });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines' });
    });

    it('reports a refused service token as LEGACY_BAD_RESPONSE', async () => {
      const wrong = new FinesClient({ transport: finesTransport, serviceToken: 'wrong' });
      await expect(wrong.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', message: expect.stringContaining('token') });
    });

    it("names fines, not parking, when the fines side times out by the request's deadline", async () => {
      parking.sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, hang: true });
      const requestId = '6f1c2a4e-8b7d-4c3a-9e21-0d5b7a9c3e11';
      const answer = runInRequestScope({ requestId, deadline: Date.now() + 150 }, () => fines.getFines([driver.vehicles[0]!.sts]));
      await expect(answer).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'fines' });
      expect(parking.sim.stats.requestIdsOf(GET_CHARGES_ENDPOINT)).toEqual([requestId]);
    });
  });

  describe('AmppClient', () => {
    it('reads a parking and answers null for one that does not exist', async () => {
      const parking = await ampp.getParking('1234');
      expect(parking?.zone).toEqual({ number: reference.parking(1234)!.zone.number, hourlyTariffKopecks: reference.parking(1234)!.zone.hourlyKopecks });
      expect(await ampp.getParking('99')).toBeNull();
    });

    it('fetches the permits of several plates in one call', async () => {
      const plates = driver.vehicles.map((v) => v.plate);
      const permits = await ampp.getPermits(plates);
      for (const plate of plates) {
        expect(permits.get(plate)?.map((p) => p.status)).toEqual(permitsForPlate(population.seed, reference, plate, '2026-11-21').map((p) => p.status));
      }
      expect(parking.sim.stats.snapshot().endpoints).toEqual({ 'GET /api/2.40/permits': 1 });
    });

    it('charges a session to the balance and refunds unused whole minutes on stop', async () => {
      const zone = reference.allZones().find((z) => z.hourlyKopecks <= 10_000)!;
      const before = (await ampp.getBalance(accountId)).balanceKopecks;
      const started = await ampp.startSession({ accountId, plate: driver.vehicles[1]!.plate, zone: zone.number, minutes: 120 });
      expect(started.session).toMatchObject({ status: 'ACTIVE', startTime: '2026-11-21T12:00:00+03:00', endTime: '2026-11-21T14:00:00+03:00', costKopecks: sessionCost(120, zone) });
      expect(started.balanceKopecks).toBe(before - sessionCost(120, zone));
      await expect(ampp.startSession({ accountId, plate: driver.vehicles[1]!.plate, zone: zone.number, minutes: 30 })).rejects.toMatchObject({
        code: 'SESSION_ALREADY_ACTIVE',
        system: 'parking',
      });

      clock.set(new Date(NOW.getTime() + 30 * 60_000));
      const stopped = await ampp.stopSession(accountId, started.session.id);
      expect(stopped.refundKopecks).toBe(sessionCost(120, zone) - sessionCost(30, zone));
      expect(stopped.balanceKopecks).toBe(before - sessionCost(30, zone));
      await expect(ampp.stopSession(accountId, started.session.id)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });

      const page = await ampp.listSessions(accountId, { offset: 0, limit: 5 });
      expect(page.sessions[0]).toMatchObject({ id: started.session.id, status: 'STOPPED' });
      expect(page.total).toBeGreaterThanOrEqual(page.sessions.length);
    });

    it('refuses a session the balance does not cover with INSUFFICIENT_BALANCE', async () => {
      const poor = population.findAdult((p) => p.vehicles.length > 0 && initialBalanceKopecks(population.seed, p.id) < 1_000);
      const zone = reference.allZones().find((z) => z.hourlyKopecks >= 20_000)!;
      await expect(ampp.startSession({ accountId: poor.parkingAccountId!, plate: poor.vehicles[0]!.plate, zone: zone.number, minutes: 60 })).rejects.toMatchObject({
        code: 'INSUFFICIENT_BALANCE',
      });
      await expect(ampp.startSession({ accountId, plate: driver.vehicles[0]!.plate, zone: '9999', minutes: 60 })).rejects.toMatchObject({ code: 'PARKING_ZONE_NOT_FOUND' });
    });

    it('answers NOT_FOUND for an account AMPP does not know', async () => {
      await expect(ampp.getBalance('5999999999')).rejects.toMatchObject({ code: 'NOT_FOUND', system: 'parking' });
    });

    it.each(MALFORMED_KINDS)('turns a %s body into LEGACY_BAD_RESPONSE for the balance and the permits', async (malformed) => {
      parking.sim.faults.set({ malformed });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      await expect(ampp.getPermits([driver.vehicles[0]!.plate])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      await expect(ampp.listSessions(accountId, { offset: 0, limit: 5 })).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
    });

    it('retries the balance read (a PUT) through one failure, and never the start of a session (a POST)', async () => {
      parking.sim.faults.set({ errorRate: 1, status: 503 });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      await expect(ampp.startSession({ accountId, plate: driver.vehicles[0]!.plate, zone: '4001', minutes: 60 })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      const calls = parking.sim.stats.snapshot().endpoints;
      expect(calls['PUT /api/2.40/accounts/getbalance']).toBeGreaterThan(1);
      expect(calls['POST /api/2.40/sessions']).toBe(1);
    });

    it('turns garbage, an in-body failure and an outage into typed errors', async () => {
      parking.sim.faults.set({ malformed: 'wrong-shape' });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      parking.sim.faults.clear();
      parking.sim.faults.set({ errorRate: 1, status: 200 });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'parking' });
      parking.sim.faults.clear();
      parking.sim.faults.set({ errorRate: 1, status: 502 });
      await expect(ampp.getPermits([driver.vehicles[0]!.plate])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'parking' });
    });
  });
  describe('the AMPP session', () => {
    let sent: Array<{ path: string; headers: Record<string, string> }>;
    let lines: string[];
    let recording: LegacyTransport;
    let agent: Agent;
    let client: AmppClient;
    const paths = (from = 0) => sent.slice(from).map((r) => r.path.split('?')[0]);

    beforeEach(() => {
      sent = [];
      lines = [];
      agent = new Agent();
      const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
        sent.push({ path: options.path, headers: { ...(options.headers as Record<string, string>) } });
        return dispatch(options, handler);
      };
      const logger = createLogger({ service: 'test', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
      recording = new LegacyTransport({ system: 'parking', baseUrl: parking.sim.url, timeoutMs: 1000, dispatcher: agent.compose(record), logger, freshReads: false });
      client = new AmppClient({ transport: recording, serviceToken: DEFAULT_SERVICE_TOKEN });
    });
    afterEach(async () => {
      await recording.close();
      await agent.close();
    });

    it('asks for a parking with no credential at all, and signs in only for the account', async () => {
      expect(await client.getParking('1234')).not.toBeNull();
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.cookie).toBeUndefined();
      expect(sent[0]!.headers['x-auth-token']).toBeUndefined();
      await client.getBalance(accountId);
      await client.getPermits(driver.vehicles.map((v) => v.plate));
      expect(paths()).toEqual(['/api/3.0/parkings/1234', '/api/2.40/auth/service', '/api/2.40/accounts/getbalance', '/api/2.40/permits']);
      expect(sent[1]!.headers['x-auth-token']).toBe(DEFAULT_SERVICE_TOKEN);
      for (const call of sent.slice(2)) {
        expect(call.headers['x-auth-token']).toBeUndefined();
        expect(call.headers.cookie).toMatch(/^ampp-session=[0-9a-f-]{36}$/);
      }
    });

    it('signs in again once when AMPP has ended the session, however many calls find it ended', async () => {
      await client.openSession();
      clock.set(new Date(NOW.getTime() + 21 * 60_000));
      const before = sent.length;
      const balances = await Promise.all([client.getBalance(accountId), client.getBalance(accountId), client.listSessions(accountId, { offset: 0, limit: 5 })]);
      expect(balances[0]!.balanceKopecks).toBe(balances[1]!.balanceKopecks);
      expect(paths(before).filter((p) => p === '/api/2.40/auth/service')).toHaveLength(1);
      expect(paths(before).filter((p) => p !== '/api/2.40/auth/service')).toHaveLength(6);
    });

    it('sends a session start again only after AMPP refused the session it carried, and charges it once', async () => {
      const zone = reference.allZones().find((z) => z.hourlyKopecks <= 10_000)!;
      const before = (await client.getBalance(accountId)).balanceKopecks;
      clock.set(new Date(NOW.getTime() + 21 * 60_000));
      const started = await client.startSession({ accountId, plate: driver.vehicles[0]!.plate, zone: zone.number, minutes: 30 });
      expect(started.balanceKopecks).toBe(before - sessionCost(30, zone));
      expect(paths().filter((p) => p === '/api/2.40/sessions')).toHaveLength(2);
      await client.stopSession(accountId, started.session.id);
    });

    it('reports a refused sign-in as LEGACY_BAD_RESPONSE, and writes neither the session nor the token to the log', async () => {
      await client.getBalance(accountId);
      const wrong = new AmppClient({ transport: recording, serviceToken: 'wrong' });
      await expect(wrong.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const cookie of sent.map((r) => r.headers.cookie).filter((c): c is string => c !== undefined)) expect(log).not.toContain(cookie.split('=')[1]);
      expect(log).not.toContain(DEFAULT_SERVICE_TOKEN);
    });
  });
});
