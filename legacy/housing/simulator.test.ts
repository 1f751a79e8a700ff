import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../kit';
import { Population, type Person } from '../population';
import { HousingData, type SimHome, type SimMeter } from './model';
import { MONTHLY_CAP, REFUSALS } from './rules';
import { createHousingSimulator, type HousingSimulatorDefinition } from './simulator';

const NOW = new Date('2026-11-21T12:00:00+03:00');

describe('housing simulator', () => {
  const population = new Population();
  const data = new HousingData(population);
  const ok = (m: SimMeter): boolean => m.checkUpDate > '2027-01-01';
  const firstHome = (p: Person): SimHome => data.home(p.id, 0)!;
  const twoHomes = population.findAdult((p) => p.payerCodes.length === 2);
  const electric = population.findAdult((p) => {
    const home = data.home(p.id, 0);
    return !!home && home.meters.some((m) => m.typeName === 'Электроэнергия' && ok(m)) && home.meters.some((m) => m.typeName === 'ХВС' && ok(m));
  });
  const expired = population.findAdult((p) => !!data.home(p.id, 0)?.meters.some((m) => m.checkUpDate < '2026-11-01'));
  const meterOf = (p: Person, type: string): SimMeter => firstHome(p).meters.find((m) => m.typeName === type && ok(m))!;

  let clock: AdjustableClock;
  let sim: RunningSimulator;
  let definition: HousingSimulatorDefinition;
  const as = (p: Person) => ({ authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}`, 'x-person-id': String(p.id) });

  async function call(method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, headers: Record<string, string>) {
    const res = await request(`${sim.url}${path}`, { method, headers });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const submit = (p: Person, meter: SimMeter, indication: string | number, period: string) =>
    call('PUT', `/api/efp/counters/addIndications/?userPlaceId=${firstHome(p).userPlaceId}&counterId=${meter.counterId}&indication=${indication}&period=${period}`, as(p));
  const refusal = (error: string) => ({ status: 400, body: { code: 400, error } });
  const lastReading = (p: Person, meter: SimMeter, today: string) => data.generatedHistory(meter, today).at(-1)!;

  beforeEach(async () => {
    clock = new AdjustableClock(NOW);
    definition = createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN });
    sim = await startSimulator(definition, { clock });
  });
  afterEach(() => sim.close());

  describe('sign-on', () => {
    it('opens a cookie session from the code, and ends it after 20 idle minutes', async () => {
      const login = await call('POST', `/api/profile/auth/web?code=${twoHomes.id}`, {});
      expect(login.status).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const info = await call('GET', '/api/profile/user/getInfo/', { cookie });
      expect(info.status).toBe(200);
      const addresses = (info.body.data as { addresses: { userPlaceId: number; fls: string; flat: string }[] }).addresses;
      expect(addresses.map((a) => a.fls)).toEqual(twoHomes.payerCodes);
      expect(addresses.map((a) => String(a.userPlaceId))).not.toContain(twoHomes.payerCodes[0]);
      expect(addresses[0]?.flat).toBe(twoHomes.registration.flat);

      clock.set(new Date(NOW.getTime() + 19 * 60_000));
      expect((await call('GET', '/api/profile/user/getInfo/', { cookie })).status).toBe(200);
      clock.set(new Date(NOW.getTime() + 40 * 60_000));
      expect((await call('GET', '/api/profile/user/getInfo/', { cookie })).status).toBe(403);
    });

    it('refuses an unknown code, a missing cookie and a forged session', async () => {
      expect((await call('POST', '/api/profile/auth/web?code=0', {})).status).toBe(401);
      expect((await call('GET', '/api/profile/user/getInfo/', {})).status).toBe(401);
      expect((await call('GET', '/api/profile/user/getInfo/', { cookie: 'session-cookie=forged' })).status).toBe(403);
    });

    it('takes the service token with the person id, and refuses a wrong token', async () => {
      expect((await call('GET', '/api/profile/user/getInfo/', as(twoHomes))).status).toBe(200);
      expect((await call('GET', '/api/profile/user/getInfo/', { authorization: 'Bearer wrong', 'x-person-id': String(twoHomes.id) })).status).toBe(401);
      expect((await call('GET', '/api/profile/user/getInfo/', { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` })).status).toBe(401);
    });
  });

  it('lists the meters of several homes in one call, with the last reading of the last closed period', async () => {
    const homes = data.homesOf(twoHomes.id);
    const res = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${homes.map((h) => h.userPlaceId).join(',')}`, as(twoHomes));
    expect(res.status).toBe(200);
    const entries = res.body.data as { activeCounters: { counterId: number; typeName: string; checkupStatus: string; lastIndication: { period: string } }[] }[];
    expect(entries).toHaveLength(2);
    entries.forEach((entry, i) => {
      expect(entry.activeCounters.map((c) => c.counterId)).toEqual(homes[i]!.meters.map((m) => m.counterId));
      expect(entry.activeCounters.length).toBeGreaterThanOrEqual(2);
      expect(entry.activeCounters.length).toBeLessThanOrEqual(4);
      for (const c of entry.activeCounters) expect(c.lastIndication.period).toBe('2026-10-31');
    });
    expect(sim.stats.snapshot().endpoints).toEqual({ 'GET /api/efp/counters/listByPayerCode/': 1 });
  });

  it('refuses homes and payer codes that are not the person\'s', async () => {
    const other = data.home(electric.id, 0)!;
    expect((await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${other.userPlaceId}`, as(twoHomes))).status).toBe(403);
    const epd = await call('GET', `/pgu/common/ajax/Guis062301/GetEpdData?payer_code=${other.payerCode}&flat=${other.flat}&beginperiod=2026-01-01&endperiod=2026-10-01&not_paid=false`, as(twoHomes));
    expect(epd.status).toBe(403);
    expect((await call('GET', '/api/efp/counters/listByPayerCode/?userPlaceIds=2000000001', as(twoHomes))).status).toBe(404);
  });

  describe('readings rules by the simulator clock', () => {
    it('accepts a water reading on the 21st for the month\'s last day, and shows it after', async () => {
      const meter = meterOf(electric, 'ХВС');
      const previous = lastReading(electric, meter, '2026-11-21');
      expect(await submit(electric, meter, previous.indication + 3, '2026-11-30')).toMatchObject({ status: 200, body: { data: { result: true } } });
      const list = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${firstHome(electric).userPlaceId}`, as(electric));
      const counters = (list.body.data as { activeCounters: { counterId: number; lastIndication: unknown }[] }[])[0]!.activeCounters;
      expect(counters.find((c) => c.counterId === meter.counterId)?.lastIndication).toEqual({ period: '2026-11-30', indication: previous.indication + 3, source: 'mos.ru' });
      const history = await call('GET', `/api/efp/counters/history/?userPlaceId=${firstHome(electric).userPlaceId}&counterId=${meter.counterId}&limit=2`, as(electric));
      expect(history.body).toEqual({ data: { indications: [{ period: '2026-11-30', indication: previous.indication + 3, source: 'mos.ru' }, previous], hasMore: true } });
      // One reading per meter per period.
      expect(await submit(electric, meter, previous.indication + 4, '2026-11-30')).toMatchObject(refusal(REFUSALS.alreadySubmitted));
    });

    it('takes water until the 3rd for the previous month, and nothing from the 4th to the 14th', async () => {
      const meter = meterOf(electric, 'ХВС');
      clock.set(new Date('2026-12-03T20:00:00+03:00'));
      const previous = lastReading(electric, meter, '2026-12-03');
      expect(previous.period).toBe('2026-10-31');
      expect((await submit(electric, meter, previous.indication + 1, '2026-11-30')).status).toBe(200);
      clock.set(new Date('2026-12-10T12:00:00+03:00'));
      expect(await submit(electric, meter, previous.indication + 2, '2026-12-31')).toMatchObject(refusal(REFUSALS.outsideWindow));
    });

    it('takes electricity from the 15th to the 26th only, and refuses a period other than the open one', async () => {
      const meter = meterOf(electric, 'Электроэнергия');
      const water = meterOf(electric, 'ХВС');
      clock.set(new Date('2026-11-27T12:00:00+03:00'));
      const previous = lastReading(electric, meter, '2026-11-27');
      expect(await submit(electric, meter, previous.indication + 10, '2026-11-30')).toMatchObject(refusal(REFUSALS.outsideWindow));
      expect(await submit(electric, water, lastReading(electric, water, '2026-11-27').indication, '2026-10-31')).toMatchObject(refusal(REFUSALS.outsideWindow));
      clock.set(NOW);
      expect((await submit(electric, meter, lastReading(electric, meter, '2026-11-21').indication + 10, '2026-11-30')).status).toBe(200);
    });

    it('refuses fractions, negatives, decreasing values and values far above the norm', async () => {
      const meter = meterOf(electric, 'ХВС');
      const previous = lastReading(electric, meter, '2026-11-21').indication;
      const persons = firstHome(electric).registeredPersons;
      expect(await submit(electric, meter, `${previous + 1}.5`, '2026-11-30')).toMatchObject(refusal(REFUSALS.notWhole));
      expect(await submit(electric, meter, -1, '2026-11-30')).toMatchObject(refusal(REFUSALS.negative));
      expect(await submit(electric, meter, 'abc', '2026-11-30')).toMatchObject(refusal(REFUSALS.notANumber));
      expect(await submit(electric, meter, previous - 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.decreasing));
      expect(await submit(electric, meter, previous + 7 * persons * 3 + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.aboveNorm));
      expect((await submit(electric, meter, previous + 7 * persons * 3, '2026-11-30')).status).toBe(200);
    });

    it('refuses values beyond the register of any meter, and heat and electricity beyond a month\'s cap', async () => {
      const water = meterOf(electric, 'ХВС');
      const meter = meterOf(electric, 'Электроэнергия');
      const previous = lastReading(electric, meter, '2026-11-21').indication;
      expect(await submit(electric, water, '9007199254740991', '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect(await submit(electric, meter, `${'9'.repeat(400)}`, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect(await submit(electric, meter, previous + MONTHLY_CAP.Электроэнергия! + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect((await submit(electric, meter, previous + MONTHLY_CAP.Электроэнергия!, '2026-11-30')).status).toBe(200);
      const heated = population.findAdult((p) => !!data.home(p.id, 0)?.meters.some((m) => m.typeName === 'Отопление' && ok(m)));
      const heat = meterOf(heated, 'Отопление');
      const heatBefore = lastReading(heated, heat, '2026-11-21').indication;
      expect(await submit(heated, heat, heatBefore + MONTHLY_CAP.Отопление! + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect((await submit(heated, heat, heatBefore + MONTHLY_CAP.Отопление!, '2026-11-30')).status).toBe(200);
      expect(definition.storedReadings().map((r) => r.counterId)).toEqual([meter.counterId, heat.counterId]);
    });

    it('refuses a meter whose verification has expired, and one that is not in the home', async () => {
      const meter = firstHome(expired).meters.find((m) => m.checkUpDate < '2026-11-01')!;
      expect(await submit(expired, meter, lastReading(expired, meter, '2026-11-21').indication + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.verificationExpired));
      const list = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${firstHome(expired).userPlaceId}`, as(expired));
      const counter = (list.body.data as { activeCounters: { counterId: number; checkupStatus: string; enableTransfer: boolean }[] }[])[0]!.activeCounters.find((c) => c.counterId === meter.counterId);
      expect(counter).toMatchObject({ checkupStatus: 'EXPIRED', enableTransfer: false });
      const missing = await call('PUT', `/api/efp/counters/addIndications/?userPlaceId=${firstHome(expired).userPlaceId}&counterId=123&indication=1&period=2026-11-30`, as(expired));
      expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    });

    it('undoes the last value unless it is already taken into billing', async () => {
      const meter = meterOf(electric, 'ГВС');
      const previous = lastReading(electric, meter, '2026-11-21');
      const remove = () => call('DELETE', `/api/efp/counters/removeLastValue/?counterId=${meter.counterId}&userPlaceId=${firstHome(electric).userPlaceId}`, as(electric));
      expect((await submit(electric, meter, previous.indication + 2, '2026-11-30')).status).toBe(200);
      expect(await remove()).toMatchObject({ status: 200, body: { data: { result: true } } });
      expect(definition.storedReadings()).toEqual([]);
      expect(await remove()).toMatchObject(refusal(REFUSALS.alreadyBilled));
      expect((await submit(electric, meter, previous.indication + 1, '2026-11-30')).status).toBe(200);
      // What tests read to show a reading was stored exactly once: kept readings, in the order taken.
      expect(definition.storedReadings()).toEqual([{ counterId: meter.counterId, period: '2026-11-30', indication: previous.indication + 1, takenAt: NOW.toISOString() }]);
    });
  });

  it('answers a transient fault with HTTP 200 and an error flag, and keeps nothing', async () => {
    const meter = meterOf(electric, 'ХВС');
    const previous = lastReading(electric, meter, '2026-11-21').indication;
    sim.faults.set({ endpoint: 'PUT /api/efp/counters/addIndications/', errorRate: 1, status: 200 });
    expect(await submit(electric, meter, previous + 1, '2026-11-30')).toEqual(expect.objectContaining({ status: 200, body: { error: true, code: 'retry_later' } }));
    expect(definition.storedReadings()).toEqual([]);
    sim.faults.clear();
    expect((await submit(electric, meter, previous + 1, '2026-11-30')).status).toBe(200);
  });

  describe('EPD', () => {
    const homes = () => data.homesOf(twoHomes.id);
    const epd = (codes: string, flats: string, notPaid = false) =>
      call('GET', `/pgu/common/ajax/Guis062301/GetEpdData?payer_code=${codes}&flat=${flats}&beginperiod=2026-01-01&endperiod=2026-11-01&not_paid=${notPaid}`, as(twoHomes));

    it('answers several payer codes in one call, one EpdList entry each, in PascalCase', async () => {
      const [a, b] = homes() as [SimHome, SimHome];
      const res = await epd(`${a.payerCode},${b.payerCode}`, `${a.flat},${b.flat}`);
      expect(res.status).toBe(200);
      const list = res.body.EpdList as { PayerCode: string; Epd: Record<string, string>[] }[];
      expect(list.map((e) => e.PayerCode)).toEqual([a.payerCode, b.payerCode]);
      const expected = data.bills(a, '2026-01-01', '2026-11-01', '2026-11-21');
      expect(list[0]!.Epd).toHaveLength(expected.length);
      const last = list[0]!.Epd.at(-1)!;
      expect(Object.keys(last).sort()).toEqual(['AccrualAmount', 'CreateDate', 'EpdType', 'InsuranceAmmount', 'PaymentAmount', 'PaymentStatus', 'PenaltyAmount', 'Period', 'Uin']);
      expect(last).toMatchObject({ Period: '2026-10-01', EpdType: 'REGULAR' });
      expect(last.CreateDate).toMatch(/^\d{2}\.11\.2026$/);
      expect(last.AccrualAmount).toMatch(/^\d+(\.\d{1,2})?$/);
      const kopecks = (s: string): number => Math.round(Number(s) * 100);
      expect(kopecks(last.AccrualAmount!)).toBe(expected.at(-1)!.accrualKopecks);
      expect(sim.stats.snapshot().endpoints).toEqual({ 'GET /pgu/common/ajax/Guis062301/GetEpdData': 1 });
    });

    it('filters unpaid bills and refuses a flat that does not match', async () => {
      const [a] = homes() as [SimHome];
      const unpaid = await epd(a.payerCode, a.flat, true);
      const bills = (unpaid.body.EpdList as { Epd: { PaymentStatus: string }[] }[])[0]!.Epd;
      expect(bills.every((b) => b.PaymentStatus === 'NOT_PAID')).toBe(true);
      expect(bills).toHaveLength(data.bills(a, '2026-01-01', '2026-11-01', '2026-11-21').filter((b) => !b.paid).length);
      expect((await epd(a.payerCode, `${a.flat}9`)).status).toBe(400);
    });
  });
});
