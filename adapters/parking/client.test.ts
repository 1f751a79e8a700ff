import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS, startSimulator, type RunningSimulator } from '../../legacy/kit';
import { chargesForSts, createParkingSimulator, GET_CHARGES_ENDPOINT, initialBalanceKopecks, ParkingReference, permitsForPlate, sessionCost } from '../../legacy/parking';
import { Population } from '../../legacy/population';
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
  let sim: RunningSimulator;
  let amppTransport: LegacyTransport;
  let finesTransport: LegacyTransport;
  let ampp: AmppClient;
  let fines: FinesClient;

  beforeAll(async () => {
    sim = await startSimulator(createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    amppTransport = new LegacyTransport({ system: 'parking', baseUrl: sim.url, timeoutMs: 1000 });
    finesTransport = new LegacyTransport({ system: 'fines', baseUrl: sim.url, timeoutMs: 1000 });
    ampp = new AmppClient({ transport: amppTransport, serviceToken: DEFAULT_SERVICE_TOKEN });
    fines = new FinesClient({ transport: finesTransport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });
  afterAll(async () => {
    await amppTransport.close();
    await finesTransport.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.stats.reset();
    sim.faults.clear();
    clock.set(NOW);
  });

  describe('FinesClient', () => {
    it('fetches the fines of several cars in one SOAP call', async () => {
      const certificates = driver.vehicles.map((v) => v.sts);
      const result = await fines.getFines([...certificates, 'not-an-sts']);
      for (const sts of certificates) {
        expect(result.get(sts)?.map((f) => f.uin).sort()).toEqual(chargesForSts(population, sts, NOW).map((c) => c.SupplierBillID).sort());
      }
      expect(result.get('not-an-sts')).toEqual([]);
      expect(sim.stats.snapshot().endpoints).toEqual({ [GET_CHARGES_ENDPOINT]: 1 });
    });

    it('makes no call when no certificate could have fines', async () => {
      expect(await fines.getFines(['x'])).toEqual(new Map([['x', []]]));
      expect(sim.stats.snapshot().total).toBe(0);
    });

    it.each(['truncated', 'wrong-shape', 'html', 'empty'] as const)('turns %s garbage into LEGACY_BAD_RESPONSE', async (malformed) => {
      sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, malformed });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'fines' });
    });

    it('never turns a soap:Fault into empty fines, whether it comes with 500 or 200', async () => {
      sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, errorRate: 1, status: 500 });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines' });
      sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, errorRate: 1, status: 200 });
      await expect(fines.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'fines' });
    });

    it('reports a refused service token as LEGACY_BAD_RESPONSE', async () => {
      const wrong = new FinesClient({ transport: finesTransport, serviceToken: 'wrong' });
      await expect(wrong.getFines([driver.vehicles[0]!.sts])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', message: expect.stringContaining('token') });
    });

    it('names fines, not parking, when the fines side times out', async () => {
      sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, hang: true });
      await expect(fines.getFines([driver.vehicles[0]!.sts], { deadline: Date.now() + 150 })).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'fines' });
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
      expect(sim.stats.snapshot().endpoints).toEqual({ 'GET /api/2.40/permits': 1 });
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
      sim.faults.set({ malformed });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      await expect(ampp.getPermits([driver.vehicles[0]!.plate])).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      await expect(ampp.listSessions(accountId, { offset: 0, limit: 5 })).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
    });

    it('retries the balance read (a PUT) through one failure, and never the start of a session (a POST)', async () => {
      sim.faults.set({ errorRate: 1, status: 503 });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      await expect(ampp.startSession({ accountId, plate: driver.vehicles[0]!.plate, zone: '4001', minutes: 60 })).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
      const calls = sim.stats.snapshot().endpoints;
      expect(calls['PUT /api/2.40/accounts/getbalance']).toBeGreaterThan(1);
      expect(calls['POST /api/2.40/sessions']).toBe(1);
    });

    it('turns garbage, an in-body failure and an outage into typed errors', async () => {
      sim.faults.set({ malformed: 'wrong-shape' });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
      sim.faults.clear();
      sim.faults.set({ errorRate: 1, status: 200 });
      await expect(ampp.getBalance(accountId)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'parking' });
      sim.faults.clear();
      sim.faults.set({ errorRate: 1, status: 502 });
      await expect(ampp.getPermits([driver.vehicles[0]!.plate])).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'parking' });
    });
  });
});
