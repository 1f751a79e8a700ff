import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { isValidUin } from '../../platform/identifiers';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../kit';
import { Population } from '../population';
import { initialBalanceKopecks, sessionCost } from './accounts';
import { chargesForSts } from './charges';
import { GET_CHARGES_ENDPOINT } from './fines-routes';
import { ParkingReference } from './reference-data';
import { createParkingSimulator } from './simulator';
import { CHARGES_NS, envelope, WSSE_NS } from './soap';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (name) => name === 'Charge' });

type Json = Record<string, unknown>;

describe('parking simulator', () => {
  const population = new Population();
  const reference = new ParkingReference(population.seed);
  const clock = new AdjustableClock(NOW);
  const driver = population.findAdult((p) => p.vehicles.length === 2 && initialBalanceKopecks(population.seed, p.id) > 100_000);
  const accountId = driver.parkingAccountId!;
  const auth = { 'x-auth-token': DEFAULT_SERVICE_TOKEN };
  let sim: RunningSimulator;

  const soap = (body: Json, options: { action?: string; password?: string; contentType?: string } = {}) => {
    const header = { 'wsse:Security': { '@_xmlns:wsse': WSSE_NS, 'wsse:UsernameToken': { 'wsse:Username': 'resident-graph', 'wsse:Password': options.password ?? DEFAULT_SERVICE_TOKEN } } };
    const text = envelope(body, header);
    return request(`${sim.url}/gisgmp/ws`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'text/xml; charset=utf-8', soapaction: options.action ?? '"urn:GetCharges"' },
      body: text,
    });
  };
  const getCharges = (certificates: string[], options?: Parameters<typeof soap>[1]) =>
    soap({ 'chg:GetChargesRequest': { '@_xmlns:chg': CHARGES_NS, 'chg:VehicleCertificate': certificates } }, options);

  beforeAll(async () => {
    sim = await startSimulator(createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.stats.reset();
  });

  it('serves a parking to anyone, with no token, in the AMPP shape with its zone tariff in kopecks', async () => {
    const res = await request(`${sim.url}/api/3.0/parkings/1234`, { headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    const { parking } = (await res.body.json()) as { parking: Json };
    const lot = reference.parking(1234)!;
    expect(parking).toMatchObject({
      name: { ru: expect.stringContaining(lot.street) },
      address: { street: { ru: lot.street }, house: { ru: lot.house } },
      zone: { number: lot.zone.number, tariff: { hourly: lot.zone.hourlyKopecks } },
      congestion: {
        spaces: {
          overall: { total: lot.totalSpaces, free: expect.any(Number) },
          handicapped: { total: reference.handicappedSpaces(lot), free: expect.any(Number) },
        },
      },
    });
    const missing = await request(`${sim.url}/api/3.0/parkings/99`);
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.json()).toMatchObject({ errorCode: 'PARKING_NOT_FOUND' });
  });

  it('answers the account API only with a session or the service token', async () => {
    const put = (headers: Record<string, string>) =>
      request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: `accountId=${accountId}` });
    const attempts: Array<Record<string, string>> = [{}, { 'x-auth-token': 'wrong' }, { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` }, { cookie: 'ampp-session=forged' }];
    for (const headers of attempts) {
      const res = await put(headers);
      expect(res.statusCode).toBe(401);
      expect(await res.body.json()).toMatchObject({ errorCode: 'UNAUTHORIZED' });
    }
  });

  describe('the cabinet session, as the public balance plugin walks it', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cookieOf = (headers: Record<string, string | string[] | undefined>): string => String(headers['set-cookie']).split(';')[0]!;
    /** GET, following redirects as the plugin's HTTP session does, carrying the cookie it holds. */
    async function browse(path: string, cookie?: string): Promise<{ url: string; text: string }> {
      let url = path;
      for (let hop = 0; hop < 5; hop++) {
        const res = await request(`${sim.url}${url}`, { headers: cookie ? { cookie } : {} });
        const location = res.headers.location;
        const text = await res.body.text();
        if (res.statusCode !== 302 || typeof location !== 'string') return { url, text };
        url = location;
      }
      throw new Error('too many redirects');
    }
    const signOn = async (login: string): Promise<string> => {
      const page = await browse('/auth/social/sudir?returnTo=/../cabinet');
      const csrf = /csrf-token-value.*?content='(.*?)'/s.exec(page.text)?.[1] ?? '';
      const bfp = 'a'.repeat(32);
      const posted = await request(`${sim.url}/sps/login/methods/password`, {
        method: 'POST',
        headers: form,
        body: new URLSearchParams({ isDelayed: 'false', login, password: 'secret', csrftoken_w: csrf, bfp, alien: 'false' }).toString(),
      });
      await posted.body.text();
      expect(posted.statusCode).toBe(302);
      expect(posted.headers.location).toBe('/ru/cabinet');
      return cookieOf(posted.headers);
    };

    it('signs on, reads the accountId from the cabinet and the balance with the cookie alone', async () => {
      const before = await browse('/ru/cabinet');
      expect(before.text).not.toMatch(/accountId":/);
      expect(before.url).toMatch(/^\/sps\/login\/methods\/password/);
      const cookie = await signOn(String(driver.id));
      const cabinet = await browse('/ru/cabinet', cookie);
      const found = /accountId":(.*?),/s.exec(cabinet.text)?.[1];
      expect(found).toBe(accountId);
      const balance = await request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { ...form, cookie }, body: `accountId=${found}` });
      expect(balance.statusCode).toBe(200);
      expect(((await balance.body.json()) as { balance: number }).balance / 100).toBe(initialBalanceKopecks(population.seed, driver.id) / 100);
    });

    it("lets a resident's session use only their own account and cars, and ends it after 20 idle minutes", async () => {
      const cookie = await signOn(String(driver.id));
      const other = population.findAdult((p) => p.id !== driver.id && p.parkingAccountId !== null && p.vehicles.length > 0);
      const foreign = await request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { ...form, cookie }, body: `accountId=${other.parkingAccountId}` });
      expect(foreign.statusCode).toBe(403);
      expect(await foreign.body.json()).toMatchObject({ errorCode: 'FORBIDDEN' });
      const plates = (p: typeof driver) => p.vehicles.map((v) => `plate=${encodeURIComponent(v.plate)}`).join('&');
      expect((await request(`${sim.url}/api/2.40/permits?${plates(driver)}`, { headers: { cookie } })).statusCode).toBe(200);
      expect((await request(`${sim.url}/api/2.40/permits?${plates(other)}`, { headers: { cookie } })).statusCode).toBe(403);
      clock.set(new Date(NOW.getTime() + 21 * 60_000));
      try {
        expect((await request(`${sim.url}/api/2.40/sessions?accountId=${accountId}`, { headers: { cookie } })).statusCode).toBe(401);
      } finally {
        clock.set(NOW);
      }
    });

    it('opens an integration session from the service token, good for any account', async () => {
      const signIn = await request(`${sim.url}/api/2.40/auth/service`, { method: 'POST', headers: auth });
      expect(signIn.statusCode).toBe(200);
      const cookie = cookieOf(signIn.headers);
      await signIn.body.text();
      const balance = await request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: { ...form, cookie }, body: `accountId=${accountId}` });
      expect(await balance.body.json()).toEqual({ balance: initialBalanceKopecks(population.seed, driver.id) });
      // The cabinet is a resident's page: the integration is sent to sign on.
      expect((await request(`${sim.url}/ru/cabinet`, { headers: { cookie } })).statusCode).toBe(302);
      expect((await request(`${sim.url}/api/2.40/auth/service`, { method: 'POST', headers: { 'x-auth-token': 'wrong' } })).statusCode).toBe(401);
    });
  });

  it('answers the balance to a form PUT, and a made-up account with ACCOUNT_NOT_FOUND', async () => {
    const balance = await request(`${sim.url}/api/2.40/accounts/getbalance`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: `accountId=${accountId}`,
    });
    expect(await balance.body.json()).toEqual({ balance: initialBalanceKopecks(population.seed, driver.id) });
    const unknown = await request(`${sim.url}/api/2.40/accounts/getbalance`, { method: 'PUT', headers: auth, body: 'accountId=5999999999' });
    expect(unknown.statusCode).toBe(404);
    expect(await unknown.body.json()).toMatchObject({ errorCode: 'ACCOUNT_NOT_FOUND' });
  });

  it('answers permits for several plates in one call, some expired relative to its clock', async () => {
    // Enough plates that both outcomes appear; permit dates are derived from the plate.
    const plates = Array.from({ length: 40 }, (_, i) => population.person(3000 + i)!.vehicles[0]?.plate).filter((p): p is string => p !== undefined);
    const query = plates.map((p) => `plate=${encodeURIComponent(p)}`).join('&');
    const res = await request(`${sim.url}/api/2.40/permits?${query}`, { headers: auth });
    const { permits } = (await res.body.json()) as { permits: { plate: string; zone: string; validFrom: string; validTo: string; status: string }[] };
    expect([...new Set(permits.map((p) => p.status))]).toEqual(expect.arrayContaining(['ACTIVE', 'EXPIRED']));
    for (const p of permits) {
      expect(plates).toContain(p.plate);
      expect(p.zone).toMatch(/^\d{4}$/);
      if (p.status === 'EXPIRED') expect(p.validTo < '2026-11-21').toBe(true);
      if (p.status === 'ACTIVE') expect(p.validFrom <= '2026-11-21' && p.validTo >= '2026-11-21').toBe(true);
    }
    expect(sim.stats.snapshot().endpoints).toEqual({ 'GET /api/2.40/permits': 1 });
    const latin = await request(`${sim.url}/api/2.40/permits?plate=A123BC77`, { headers: auth });
    expect(latin.statusCode).toBe(400);
  });

  it('charges a session to the balance, refuses a second one for the plate, and refunds unused minutes on stop', async () => {
    const zone = reference.allZones()[0]!;
    const plate = driver.vehicles[0]!.plate;
    const before = initialBalanceKopecks(population.seed, driver.id);
    const start = await request(`${sim.url}/api/2.40/sessions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId, plate, zone: zone.number, minutes: 60 }),
    });
    expect(start.statusCode).toBe(201);
    const started = (await start.body.json()) as { session: Json; balance: number };
    const cost = sessionCost(60, zone);
    expect(started.session).toMatchObject({ plate, zone: zone.number, startTime: '2026-11-21T12:00:00', endTime: '2026-11-21T13:00:00', cost, status: 'active' });
    expect(started.balance).toBe(before - cost);

    const again = await request(`${sim.url}/api/2.40/sessions`, { method: 'POST', headers: auth, body: JSON.stringify({ accountId, plate, zone: zone.number, minutes: 30 }) });
    expect(again.statusCode).toBe(409);
    expect(await again.body.json()).toMatchObject({ errorCode: 'SESSION_ALREADY_EXISTS' });

    clock.set(new Date(NOW.getTime() + 20 * 60_000 + 30_000));
    try {
      const id = String(started.session.id);
      const otherAccount = await request(`${sim.url}/api/2.40/sessions/${id}?accountId=5000001042`, { method: 'DELETE', headers: auth });
      expect(otherAccount.statusCode).toBe(404);
      const stop = await request(`${sim.url}/api/2.40/sessions/${id}?accountId=${accountId}`, { method: 'DELETE', headers: auth });
      const stopped = (await stop.body.json()) as { session: Json; refund: number; balance: number };
      // 20.5 minutes used: 39 whole minutes unused are refunded, the 21 begun are paid.
      expect(stopped.refund).toBe(cost - sessionCost(21, zone));
      expect(stopped.session).toMatchObject({ status: 'stopped', endTime: '2026-11-21T12:20:30', cost: sessionCost(21, zone) });
      expect(stopped.balance).toBe(before - sessionCost(21, zone));
      const twice = await request(`${sim.url}/api/2.40/sessions/${id}?accountId=${accountId}`, { method: 'DELETE', headers: auth });
      expect(await twice.body.json()).toMatchObject({ errorCode: 'SESSION_NOT_FOUND' });

      const list = await request(`${sim.url}/api/2.40/sessions?accountId=${accountId}&limit=50`, { headers: auth });
      const listed = (await list.body.json()) as { sessions: Json[]; total: number };
      expect(listed.sessions[0]).toMatchObject({ id, status: 'stopped' });
      expect(listed.total).toBe(listed.sessions.length);
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses a session the balance does not cover', async () => {
    const poor = population.findAdult((p) => p.vehicles.length > 0 && initialBalanceKopecks(population.seed, p.id) < 1_000);
    const zone = reference.allZones().find((z) => z.hourlyKopecks >= 20_000)!;
    const res = await request(`${sim.url}/api/2.40/sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ accountId: poor.parkingAccountId, plate: poor.vehicles[0]!.plate, zone: zone.number, minutes: 60 }),
    });
    expect(res.statusCode).toBe(400);
    expect(await res.body.json()).toMatchObject({ errorCode: 'INSUFFICIENT_FUNDS' });
  });

  it('lists charges for several certificates in one SOAP call, with valid UINs', async () => {
    const cars = population.findAdult((p) => p.vehicles.length === 2 && p.vehicles.every((v) => chargesForSts(population, v.sts, NOW).length > 0));
    const res = await getCharges([...cars.vehicles.map((v) => v.sts), '0000000000']);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    const doc = xml.parse(await res.body.text()) as { Envelope: { Body: { GetChargesResponse: { Charge: Json[] } } } };
    const charges = doc.Envelope.Body.GetChargesResponse.Charge;
    expect(charges.length).toBe(cars.vehicles.reduce((n, v) => n + chargesForSts(population, v.sts, NOW).length, 0));
    for (const charge of charges) {
      expect(isValidUin(String(charge.SupplierBillID))).toBe(true);
      expect(String(charge.SupplierBillID)).toMatch(/^18810/);
      expect(String(charge.BillDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+03:00$/);
      expect(['1', '2', '3']).toContain(charge.AcknowledgmentStatus);
      expect(cars.vehicles.map((v) => v.sts)).toContain(charge.VehicleCertificate);
    }
    expect(sim.stats.snapshot().endpoints).toEqual({ [GET_CHARGES_ENDPOINT]: 1 });
  });

  it('answers an empty response for a car with no charges', async () => {
    const clean = population.findAdult((p) => p.vehicles.length === 1 && chargesForSts(population, p.vehicles[0]!.sts, NOW).length === 0);
    const doc = xml.parse(await (await getCharges([clean.vehicles[0]!.sts])).body.text()) as Json;
    expect(doc).toMatchObject({ Envelope: { Body: { GetChargesResponse: '' } } });
  });

  it.each([
    ['a wrong SOAPAction', { action: '"urn:PayCharge"' }, 500, 'soap:Client'],
    ['a bad WS-Security password', { password: 'nope' }, 401, 'wsse:FailedAuthentication'],
    ['a JSON content type', { contentType: 'application/json' }, 500, 'soap:Client'],
  ])('answers %s with a soap:Fault', async (_name, options, status, faultcode) => {
    const res = await getCharges([driver.vehicles[0]!.sts], options);
    expect(res.statusCode).toBe(status);
    const doc = xml.parse(await res.body.text()) as { Envelope: { Body: { Fault: { faultcode: string; faultstring: string } } } };
    expect(doc.Envelope.Body.Fault.faultcode).toBe(faultcode);
    expect(doc.Envelope.Body.Fault.faultstring.length).toBeGreaterThan(0);
  });

  it('fails the SOAP side with soap:Fault and the AMPP side with its JSON error', async () => {
    sim.faults.set({ errorRate: 1, status: 503 });
    const fault = await getCharges([driver.vehicles[0]!.sts]);
    expect(fault.statusCode).toBe(503);
    expect(xml.parse(await fault.body.text())).toMatchObject({ Envelope: { Body: { Fault: { faultcode: 'soap:Server' } } } });
    const json = await request(`${sim.url}/api/3.0/parkings/1234`, { headers: auth });
    expect(json.statusCode).toBe(503);
    expect(await json.body.json()).toMatchObject({ errorCode: 'INTERNAL_ERROR' });
  });

  it('garbles as XML when asked for the wrong shape', async () => {
    sim.faults.set({ endpoint: GET_CHARGES_ENDPOINT, malformed: 'wrong-shape' });
    const res = await getCharges([driver.vehicles[0]!.sts]);
    expect(res.statusCode).toBe(200);
    expect(xml.parse(await res.body.text())).toEqual({ '?xml': '', unexpected: { thing: '1' } });
  });
});
