import { request } from 'undici';
import { AdjustableClock, addDays, DEFAULT_SERVICE_TOKEN, fromMoscow, type RunningSimulator, startSimulator } from '../kit';
import { type Person, Population } from '../population';
import { HousingData, type SimHome, type SimMeter } from './model';
import { MONTHLY_CAP, REFUSALS, SOURCE_CODES } from './rules';
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

  async function call(method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, headers: Record<string, string>, body?: string) {
    const res = await request(`${sim.url}${path}`, { method, headers, body });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, body: text?.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const cookieOf = (res: { headers: Record<string, string | string[] | undefined> }): string => String(res.headers['set-cookie']).split(';')[0]!;
  const submit = (p: Person, meter: SimMeter, indication: string | number, period: string) =>
    call('PUT', `/api/efp/counters/addIndications/?userPlaceId=${firstHome(p).userPlaceId}&counterId=${meter.counterId}&indication=${indication}&period=${period}`, as(p));
  const refusal = (error: string) => ({ status: 400, body: { code: 400, error } });
  const lastReading = (meter: SimMeter, today: string) => data.generatedHistory(meter, today).at(-1)!;

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
      // getInfo sends the flat as a number, as the live portal does.
      expect(addresses[0]?.flat).toBe(Number(twoHomes.registration.flat));

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

  it("refuses homes and payer codes that are not the person's", async () => {
    const other = data.home(electric.id, 0)!;
    expect((await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${other.userPlaceId}`, as(twoHomes))).status).toBe(403);
    const epd = await call(
      'GET',
      `/pgu/common/ajax/Guis062301/GetEpdData?payer_code=${other.payerCode}&flat=${other.flat}&beginperiod=2026-01-01&endperiod=2026-10-01&not_paid=false`,
      as(twoHomes),
    );
    expect(epd.status).toBe(403);
    expect((await call('GET', '/api/efp/counters/listByPayerCode/?userPlaceIds=2000000001', as(twoHomes))).status).toBe(404);
  });

  describe('readings rules by the simulator clock', () => {
    it("accepts a water reading on the 21st for the month's last day, and shows it after", async () => {
      const meter = meterOf(electric, 'ХВС');
      const previous = lastReading(meter, '2026-11-21');
      expect(await submit(electric, meter, previous.indication + 3, '2026-11-30')).toMatchObject({ status: 200, body: { data: { result: true } } });
      const list = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${firstHome(electric).userPlaceId}`, as(electric));
      const counters = (list.body.data as { activeCounters: { counterId: number; lastIndication: unknown }[] }[])[0]!.activeCounters;
      expect(counters.find((c) => c.counterId === meter.counterId)?.lastIndication).toEqual({ period: '2026-11-30', indication: previous.indication + 3, source: SOURCE_CODES.portal });
      const history = await call('GET', `/api/efp/counters/history/?userPlaceId=${firstHome(electric).userPlaceId}&counterId=${meter.counterId}&limit=2`, as(electric));
      expect(history.body).toEqual({ data: { indications: [{ period: '2026-11-30', indication: previous.indication + 3, source: SOURCE_CODES.portal }, previous], hasMore: true } });
      // One reading per meter per period.
      expect(await submit(electric, meter, previous.indication + 4, '2026-11-30')).toMatchObject(refusal(REFUSALS.alreadySubmitted));
    });

    it('takes water until the 3rd for the previous month, and nothing from the 4th to the 14th', async () => {
      const meter = meterOf(electric, 'ХВС');
      clock.set(new Date('2026-12-03T20:00:00+03:00'));
      const previous = lastReading(meter, '2026-12-03');
      expect(previous.period).toBe('2026-10-31');
      expect((await submit(electric, meter, previous.indication + 1, '2026-11-30')).status).toBe(200);
      clock.set(new Date('2026-12-10T12:00:00+03:00'));
      expect(await submit(electric, meter, previous.indication + 2, '2026-12-31')).toMatchObject(refusal(REFUSALS.outsideWindow));
    });

    it('takes electricity from the 15th to the 26th only, and refuses a period other than the open one', async () => {
      const meter = meterOf(electric, 'Электроэнергия');
      const water = meterOf(electric, 'ХВС');
      clock.set(new Date('2026-11-27T12:00:00+03:00'));
      const previous = lastReading(meter, '2026-11-27');
      expect(await submit(electric, meter, previous.indication + 10, '2026-11-30')).toMatchObject(refusal(REFUSALS.outsideWindow));
      expect(await submit(electric, water, lastReading(water, '2026-11-27').indication, '2026-10-31')).toMatchObject(refusal(REFUSALS.outsideWindow));
      clock.set(NOW);
      expect((await submit(electric, meter, lastReading(meter, '2026-11-21').indication + 10, '2026-11-30')).status).toBe(200);
    });

    it('refuses fractions, negatives, decreasing values and values far above the norm', async () => {
      const meter = meterOf(electric, 'ХВС');
      const previous = lastReading(meter, '2026-11-21').indication;
      const persons = firstHome(electric).registeredPersons;
      expect(await submit(electric, meter, `${previous + 1}.5`, '2026-11-30')).toMatchObject(refusal(REFUSALS.notWhole));
      expect(await submit(electric, meter, -1, '2026-11-30')).toMatchObject(refusal(REFUSALS.negative));
      expect(await submit(electric, meter, 'abc', '2026-11-30')).toMatchObject(refusal(REFUSALS.notANumber));
      expect(await submit(electric, meter, previous - 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.decreasing));
      expect(await submit(electric, meter, previous + 7 * persons * 3 + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.aboveNorm));
      expect((await submit(electric, meter, previous + 7 * persons * 3, '2026-11-30')).status).toBe(200);
    });

    it("refuses values beyond the register of any meter, and heat and electricity beyond a month's cap", async () => {
      const water = meterOf(electric, 'ХВС');
      const meter = meterOf(electric, 'Электроэнергия');
      const previous = lastReading(meter, '2026-11-21').indication;
      expect(await submit(electric, water, '9007199254740991', '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect(await submit(electric, meter, `${'9'.repeat(400)}`, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect(await submit(electric, meter, previous + MONTHLY_CAP.Электроэнергия! + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect((await submit(electric, meter, previous + MONTHLY_CAP.Электроэнергия!, '2026-11-30')).status).toBe(200);
      const heated = population.findAdult((p) => !!data.home(p.id, 0)?.meters.some((m) => m.typeName === 'Отопление' && ok(m)));
      const heat = meterOf(heated, 'Отопление');
      const heatBefore = lastReading(heat, '2026-11-21').indication;
      expect(await submit(heated, heat, heatBefore + MONTHLY_CAP.Отопление! + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.implausible));
      expect((await submit(heated, heat, heatBefore + MONTHLY_CAP.Отопление!, '2026-11-30')).status).toBe(200);
      expect(definition.storedReadings().map((r) => r.counterId)).toEqual([meter.counterId, heat.counterId]);
    });

    it('refuses a meter whose verification has expired, and one that is not in the home', async () => {
      const meter = firstHome(expired).meters.find((m) => m.checkUpDate < '2026-11-01')!;
      expect(await submit(expired, meter, lastReading(meter, '2026-11-21').indication + 1, '2026-11-30')).toMatchObject(refusal(REFUSALS.verificationExpired));
      const list = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${firstHome(expired).userPlaceId}`, as(expired));
      const counter = (list.body.data as { activeCounters: { counterId: number; checkupStatus: string; enableTransfer: boolean }[] }[])[0]!.activeCounters.find(
        (c) => c.counterId === meter.counterId,
      );
      expect(counter).toMatchObject({ checkupStatus: 'EXPIRED', enableTransfer: false });
      const missing = await call('PUT', `/api/efp/counters/addIndications/?userPlaceId=${firstHome(expired).userPlaceId}&counterId=123&indication=1&period=2026-11-30`, as(expired));
      expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    });

    it('undoes the last value unless it is already taken into billing', async () => {
      const meter = meterOf(electric, 'ГВС');
      const previous = lastReading(meter, '2026-11-21');
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
    const previous = lastReading(meter, '2026-11-21').indication;
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
      const paid = list[0]!.Epd.find((e) => e.PaymentStatus === 'PAID')!;
      expect(Object.keys(paid).sort()).toEqual(['AccrualAmount', 'CreateDate', 'EpdType', 'InsuranceAmmount', 'PaymentAmount', 'PaymentStatus', 'PenaltyAmount', 'Period', 'Uin']);
      // No PaymentDate, ever; no PaymentAmount on a document not paid yet.
      for (const e of list.flatMap((entry) => entry.Epd)) {
        expect(e).not.toHaveProperty('PaymentDate');
        expect('PaymentAmount' in e).toBe(e.PaymentStatus === 'PAID');
      }
      expect(last).toMatchObject({ Period: '2026-10-01', EpdType: 'REGULAR' });
      // A Moscow wall-clock timestamp with milliseconds, as public clients parse it (%Y-%m-%dT%H:%M:%S.%f).
      expect(last.CreateDate).toMatch(/^2026-11-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
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
  describe('shapes the public clients read', () => {
    it('answers getInfo with the user, the payer code as fls and the flat as a number', async () => {
      const res = await call('GET', '/api/profile/user/getInfo/', as(twoHomes));
      const data = res.body.data as { user: { nickName: string }; addresses: Array<Record<string, unknown>> };
      expect(data.user.nickName).toBe(`${twoHomes.firstName} ${twoHomes.lastName.slice(0, 1)}`);
      expect(data.addresses.map((a) => a.fls)).toEqual(twoHomes.payerCodes);
      expect(res.text).toMatch(/"flat":\d+[,}]/);
      for (const a of data.addresses) expect(typeof a.flat).toBe('number');
    });

    it('answers listByPayerCode with fls and flat per home, plain-date verification, float readings and channel codes', async () => {
      const home = firstHome(electric);
      const res = await call('GET', `/api/efp/counters/listByPayerCode/?userPlaceIds=${home.userPlaceId}`, as(electric));
      const [entry] = res.body.data as Array<{ userPlaceId: number; fls: string; flat: string; activeCounters: Array<{ checkUpDate: string; lastIndication: { source: string } }> }>;
      expect(entry).toMatchObject({ userPlaceId: home.userPlaceId, fls: home.payerCode, flat: home.flat });
      for (const c of entry!.activeCounters) {
        expect(c.checkUpDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Object.values(SOURCE_CODES)).toContain(c.lastIndication.source);
      }
      // Whole readings written as floats, as the live portal writes them (483.0).
      expect(res.text).toMatch(/"indication":\d+\.0[,}]/);
      expect(res.text).not.toMatch(/"indication":\d+[,}]/);
    });
  });

  describe('sign-in as clients do it', () => {
    it('opens an integration session from the service token, which then names the person on each call', async () => {
      const signIn = await call('POST', '/api/profile/auth/web', { authorization: `Bearer ${DEFAULT_SERVICE_TOKEN}` });
      expect(signIn.status).toBe(200);
      const cookie = cookieOf(signIn);
      const info = await call('GET', '/api/profile/user/getInfo/', { cookie, 'x-person-id': String(twoHomes.id) });
      expect((info.body.data as { addresses: { fls: string }[] }).addresses.map((a) => a.fls)).toEqual(twoHomes.payerCodes);
      // Without a person named, the integration is signed in as no one.
      expect((await call('GET', '/api/profile/user/getInfo/', { cookie })).status).toBe(401);
      expect((await call('POST', '/api/profile/auth/web', { authorization: 'Bearer wrong' })).status).toBe(401);
    });

    it('signs a resident on through the password form with its CSRF token, as the form-API clients do', async () => {
      const page = await call('GET', '/sps/login/methods/password', {});
      const csrf = /meta name='csrf-token-value' content='(.+?)'\/>/.exec(page.text)?.[1];
      expect(csrf).toBeDefined();
      const form = (token: string) => new URLSearchParams({ isDelayed: 'false', login: String(twoHomes.id), password: 'secret', csrftokenw: token, alien: 'false' }).toString();
      const posted = await call('POST', '/sps/login/methods/password', { 'content-type': 'application/x-www-form-urlencoded' }, form(csrf!));
      expect(posted.status).toBe(302);
      expect(posted.headers.location).toBeDefined();
      const cookie = cookieOf(posted);
      const enter = await call('GET', '/api/oauth20/v1/frontend/json/ru/process/enter?redirect=https://www.mos.ru/services/catalog/popular/', { cookie });
      expect(enter.status).toBe(200);
      expect(enter.headers['x-session-fingerprint']).toMatch(/^[0-9a-f]{32}$/);
      expect((await call('GET', '/api/profile/user/getInfo/', { cookie })).status).toBe(200);
      // A CSRF token is good once; without a valid one the form comes back with no Location.
      const replay = await call('POST', '/sps/login/methods/password', { 'content-type': 'application/x-www-form-urlencoded' }, form(csrf!));
      expect(replay.status).toBe(200);
      expect(replay.headers.location).toBeUndefined();
      expect(replay.headers['set-cookie']).toBeUndefined();
    });

    it('sends a visitor of the www.mos.ru pages without a session to the sign-on form', async () => {
      const home = firstHome(twoHomes);
      const epd = await call('GET', `/pgu/common/ajax/Guis062301/GetEpdData?payer_code=${home.payerCode}&flat=${home.flat}&beginperiod=2026-10-01&endperiod=2026-10-01&not_paid=false`, {});
      expect(epd.status).toBe(302);
      expect(epd.headers.location).toMatch(/^\/sps\/login\/methods\/password\?/);
      const expired = await call(
        'POST',
        '/pgu/common/ajax/index.php',
        { cookie: 'session-cookie=forged', 'content-type': 'application/x-www-form-urlencoded' },
        'ajaxModule=Guis&ajaxAction=getCountersInfo',
      );
      expect(expired.status).toBe(302);
    });
  });

  describe('the older form API for water meters', () => {
    let cookie: string;
    const form = (fields: Record<string, string>) =>
      call('POST', '/pgu/common/ajax/index.php', { cookie, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, new URLSearchParams(fields).toString());
    const counters = (p: Person) => form({ 'items[paycode]': firstHome(p).payerCode, ajaxModule: 'Guis', ajaxAction: 'getCountersInfo', 'items[flat]': firstHome(p).flat });
    type CounterInfo = { counterId: number; num: string; type: number; checkup: string; indications?: unknown };
    beforeEach(async () => {
      cookie = cookieOf(await call('POST', `/api/profile/auth/web?code=${electric.id}`, {}));
    });

    it('lists the water meters with type 1 cold and 2 hot, the verification and the latest readings with the Moscow offset', async () => {
      const res = await counters(electric);
      expect(res.status).toBe(200);
      const list = (res.body as { counter: CounterInfo[] }).counter;
      const water = firstHome(electric).meters.filter((m) => m.typeName === 'ХВС' || m.typeName === 'ГВС');
      expect(list.map((c) => c.counterId)).toEqual(water.map((m) => m.counterId));
      for (const [i, c] of list.entries()) {
        const meter = water[i]!;
        expect(c).toMatchObject({ num: meter.num, type: meter.typeName === 'ХВС' ? 1 : 2, checkup: `${meter.checkUpDate}+03:00` });
        const expected = data.generatedHistory(meter, '2026-11-21').slice(-3).reverse();
        const indications = c.indications as Array<{ period: string; indication: string }>;
        expect(indications.map((x) => x.period)).toEqual(expected.map((x) => `${x.period}+03:00`));
        expect(indications.map((x) => Number(x.indication))).toEqual(expected.map((x) => x.indication));
      }
      expect(sim.stats.snapshot().endpoints).toEqual({ 'POST /api/profile/auth/web': 1, 'POST /pgu/common/ajax/index.php getCountersInfo': 1 });
    });

    it('sends a lone reading as an object and no readings as no field, as the portal does', async () => {
      const cold = meterOf(electric, 'ХВС');
      const lister = async (): Promise<CounterInfo> => ((await counters(electric)).body as { counter: CounterInfo[] }).counter.find((c) => c.counterId === cold.counterId)!;
      // A month after the meter's first period, it has one reading; in its first month, none.
      clock.set(fromMoscow(addDays(cold.firstPeriod, 10), 12));
      expect((await lister()).indications).toEqual({ period: `${cold.firstPeriod}+03:00`, indication: data.readingAt(cold, cold.firstPeriod).toFixed(2) });
      clock.set(fromMoscow(addDays(cold.firstPeriod, -10), 12));
      expect(await lister()).not.toHaveProperty('indications');
    });

    it('takes readings with addCounterInfo as {"code":0}, one rule book with ed.mos.ru, and refuses with 200 and the reason', async () => {
      const cold = meterOf(electric, 'ХВС');
      const last = lastReading(cold, '2026-11-21').indication;
      const add = (value: string, period = '2026-11-21') =>
        form({
          ajaxAction: 'addCounterInfo',
          ajaxModule: 'Guis',
          'items[flat]': firstHome(electric).flat,
          'items[indications][0][period]': period,
          'items[indications][0][counterNum]': String(cold.counterId),
          'items[paycode]': firstHome(electric).payerCode,
          'items[indications][0][num]': '',
          'items[indications][0][counterVal]': value,
        });
      expect(await add(`${last + 1}.5`)).toMatchObject({ status: 200, body: { code: 6, error: REFUSALS.notWhole } });
      expect(await add(String(last + 1), '2026-09-15')).toMatchObject({ status: 200, body: { code: 6, error: REFUSALS.outsideWindow } });
      // Clients print a whole value as 484.0.
      expect(await add(`${last + 2}.0`)).toMatchObject({ status: 200, body: { code: 0 } });
      expect(definition.storedReadings()).toEqual([{ counterId: cold.counterId, period: '2026-11-30', indication: last + 2, takenAt: NOW.toISOString() }]);
      // The same rules as ed.mos.ru: one reading per period, whichever API gave it.
      expect(await submit(electric, cold, last + 3, '2026-11-30')).toMatchObject(refusal(REFUSALS.alreadySubmitted));
      expect(await add(String(last + 3))).toMatchObject({ status: 200, body: { code: 6, error: REFUSALS.alreadySubmitted } });
      const listed = ((await counters(electric)).body as { counter: CounterInfo[] }).counter.find((c) => c.counterId === cold.counterId)!;
      expect((listed.indications as Array<{ period: string }>)[0]!.period).toBe('2026-11-30+03:00');
    });

    it('takes a cold and a hot reading in one call, or neither', async () => {
      const cold = meterOf(electric, 'ХВС');
      const hot = firstHome(electric).meters.find((m) => m.typeName === 'ГВС')!;
      const both = (hotValue: number) =>
        form({
          ajaxModule: 'Guis',
          ajaxAction: 'addCounterInfo',
          'items[paycode]': firstHome(electric).payerCode,
          'items[flat]': firstHome(electric).flat,
          'items[indications][0][counterNum]': String(cold.counterId),
          'items[indications][0][counterVal]': String(lastReading(cold, '2026-11-21').indication + 1),
          'items[indications][0][num]': cold.num,
          'items[indications][0][period]': '2026-11-30',
          'items[indications][1][counterNum]': String(hot.counterId),
          'items[indications][1][counterVal]': String(hotValue),
          'items[indications][1][num]': hot.num,
          'items[indications][1][period]': '2026-11-30',
        });
      expect(await both(0)).toMatchObject({ body: { code: 6 } });
      expect(definition.storedReadings()).toEqual([]);
      expect(await both(lastReading(hot, '2026-11-21').indication + 1)).toMatchObject({ body: { code: 0 } });
      expect(definition.storedReadings().map((r) => r.counterId)).toEqual([cold.counterId, hot.counterId]);
    });

    it("refuses another person's payer code, a wrong flat and an unknown action in the body, with HTTP 200", async () => {
      const other = firstHome(twoHomes);
      expect(await form({ ajaxModule: 'Guis', ajaxAction: 'getCountersInfo', 'items[paycode]': other.payerCode, 'items[flat]': other.flat })).toMatchObject({
        status: 200,
        body: { code: 3 },
      });
      expect(await form({ ajaxModule: 'Guis', ajaxAction: 'getCountersInfo', 'items[paycode]': firstHome(electric).payerCode, 'items[flat]': '0' })).toMatchObject({
        status: 200,
        body: { code: 3 },
      });
      expect(await form({ ajaxModule: 'Guis', ajaxAction: 'dropTables', 'items[paycode]': firstHome(electric).payerCode, 'items[flat]': firstHome(electric).flat })).toMatchObject({
        status: 200,
        body: { code: 1 },
      });
    });
  });

  describe('the EPD file', () => {
    it('hands out a link to the PDF of a document, and the file behind it to the same person only', async () => {
      const home = firstHome(twoHomes);
      const bill = data.bills(home, '2026-10-01', '2026-10-01', '2026-11-21')[0]!;
      const cookie = cookieOf(await call('POST', `/api/profile/auth/web?code=${twoHomes.id}`, {}));
      const link = await call('GET', `/pgu/common/ajax/Guis062301/GetEpdPdf?payer_code=${home.payerCode}&uin=${bill.uin}`, { cookie });
      expect(link.status).toBe(200);
      const url = new URL(String(link.body.url));
      expect(url.pathname).toBe('/epd/epd.pdf');
      const file = await request(`${sim.url}${url.pathname}${url.search}`, { headers: { cookie } });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      const pdf = await file.body.text();
      expect(pdf.startsWith('%PDF-1.4')).toBe(true);
      expect(pdf).toContain(bill.uin);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);

      const stranger = cookieOf(await call('POST', `/api/profile/auth/web?code=${electric.id}`, {}));
      expect((await request(`${sim.url}${url.pathname}${url.search}`, { headers: { cookie: stranger } })).statusCode).toBe(404);
      expect((await call('GET', `/pgu/common/ajax/Guis062301/GetEpdPdf?payer_code=${home.payerCode}&uin=${bill.uin}`, { cookie: stranger })).status).toBe(403);
      expect((await call('GET', `/pgu/common/ajax/Guis062301/GetEpdPdf?payer_code=${home.payerCode}&uin=18810000000000000000`, { cookie })).status).toBe(404);
    });
  });
});
