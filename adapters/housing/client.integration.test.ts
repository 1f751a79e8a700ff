import { Agent, type Dispatcher } from 'undici';
import { createHousingSimulator, HousingData, type SimMeter } from '../../legacy/housing';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { type Person, Population } from '../../legacy/population';
import { createLogger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { LegacyTransport } from '../transport';
import { HousingClient } from './client';

const NOW = new Date('2026-11-21T12:00:00+03:00');

describe('HousingClient against the housing simulator', () => {
  const population = new Population();
  const data = new HousingData(population);
  const ok = (m: SimMeter): boolean => m.checkUpDate > '2027-01-01';
  const person = population.findAdult((p) => p.payerCodes.length === 2 && !!data.home(p.id, 0)?.meters.some((m) => m.typeName === 'ХВС' && ok(m)));
  const expiredOwner = population.findAdult((p) => !!data.home(p.id, 0)?.meters.some((m) => m.checkUpDate < '2026-11-01'));
  const home = data.home(person.id, 0)!;
  const meter = home.meters.find((m) => m.typeName === 'ХВС' && ok(m))!;
  const last = (m: SimMeter): number => data.generatedHistory(m, '2026-11-21').at(-1)!.indication;
  const id = (p: Person): string => String(p.id);

  let clock: AdjustableClock;
  let sim: RunningSimulator;
  let transport: LegacyTransport;
  let client: HousingClient;

  beforeEach(async () => {
    clock = new AdjustableClock(NOW);
    sim = await startSimulator(createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    transport = new LegacyTransport({ system: 'housing', baseUrl: sim.url, timeoutMs: 500 });
    client = new HousingClient({ transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });
  afterEach(async () => {
    await transport.close();
    await sim.close();
  });

  it('reads homes, meters and bills of two homes with one call per endpoint', async () => {
    await client.openSession();
    sim.stats.reset();
    const homes = await client.getHomes(id(person));
    expect(homes.map((h) => h.payerCode)).toEqual(person.payerCodes);
    const meters = await client.getMeters(
      id(person),
      homes.map((h) => h.userPlaceId),
    );
    expect([...meters.keys()]).toEqual(homes.map((h) => h.userPlaceId));
    expect(meters.get(homes[0]!.userPlaceId)?.find((m) => m.id === String(meter.counterId))).toMatchObject({
      kind: 'COLD_WATER',
      serialNumber: meter.num,
      verifiedUntil: meter.checkUpDate,
      lastReading: { period: '2026-10-31', value: last(meter) },
    });
    const bills = await client.getBills(id(person), homes, { from: '2026-01-01', to: '2026-11-01' });
    expect([...bills.keys()]).toEqual(person.payerCodes);
    expect(bills.get(person.payerCodes[0]!)?.map((b) => b.accrual)).toEqual(data.bills(home, '2026-01-01', '2026-11-01', '2026-11-21').map((b) => b.accrualKopecks));
    expect(sim.stats.snapshot().endpoints).toEqual({
      'GET /api/profile/user/getInfo/': 1,
      'GET /api/efp/counters/listByPayerCode/': 1,
      'GET /pgu/common/ajax/Guis062301/GetEpdData': 1,
    });
  });

  it("pages a meter's readings newest first", async () => {
    const first = await client.getReadings(id(person), String(home.userPlaceId), String(meter.counterId), { limit: 2 });
    expect(first.readings.map((r) => r.period)).toEqual(['2026-10-31', '2026-09-30']);
    expect(first.hasMore).toBe(true);
    const second = await client.getReadings(id(person), String(home.userPlaceId), String(meter.counterId), { before: '2026-09-30', limit: 2 });
    expect(second.readings.map((r) => r.period)).toEqual(['2026-08-31', '2026-07-31']);
  });

  it('submits a reading, and undoes it', async () => {
    const submission = { userPlaceId: String(home.userPlaceId), meterId: String(meter.counterId), value: last(meter) + 2, period: '2026-11-30' };
    await client.submitReading(id(person), submission);
    const meters = await client.getMeters(id(person), [String(home.userPlaceId)]);
    expect(meters.get(String(home.userPlaceId))?.find((m) => m.id === submission.meterId)?.lastReading).toEqual({ period: '2026-11-30', value: submission.value, source: 'mos.ru' });
    await client.removeLastReading(id(person), submission.userPlaceId, submission.meterId);
    await expect(client.removeLastReading(id(person), submission.userPlaceId, submission.meterId)).rejects.toMatchObject({ code: 'READING_ALREADY_BILLED' });
  });

  it("maps each of the system's 400 texts to its code", async () => {
    const base = { userPlaceId: String(home.userPlaceId), meterId: String(meter.counterId), period: '2026-11-30' };
    const persons = home.registeredPersons;
    const refused = (value: number, period = base.period) => client.submitReading(id(person), { ...base, value, period });
    await expect(refused(last(meter) + 0.5)).rejects.toMatchObject({ code: 'READING_NOT_WHOLE', system: 'housing' });
    await expect(refused(-1)).rejects.toMatchObject({ code: 'READING_NEGATIVE' });
    await expect(refused(last(meter) - 1)).rejects.toMatchObject({ code: 'READING_DECREASING' });
    await expect(refused(last(meter) + 7 * persons * 3 + 1)).rejects.toMatchObject({ code: 'READING_ABOVE_NORM' });
    await expect(refused(Number.MAX_SAFE_INTEGER)).rejects.toMatchObject({ code: 'READING_IMPLAUSIBLE' });
    await expect(refused(last(meter) + 1, '2026-10-31')).rejects.toMatchObject({ code: 'READING_OUTSIDE_WINDOW' });
    await refused(last(meter) + 1);
    await expect(refused(last(meter) + 2)).rejects.toMatchObject({ code: 'READING_ALREADY_SUBMITTED', legacyReason: 'Показание за данный период уже внесено.' });
    await expect(client.submitReading(id(person), { ...base, meterId: '12345', value: 1 })).rejects.toMatchObject({ code: 'METER_NOT_FOUND' });

    const expiredHome = data.home(expiredOwner.id, 0)!;
    const expired = expiredHome.meters.find((m) => m.checkUpDate < '2026-11-01')!;
    await expect(
      client.submitReading(id(expiredOwner), { userPlaceId: String(expiredHome.userPlaceId), meterId: String(expired.counterId), value: last(expired) + 1, period: '2026-11-30' }),
    ).rejects.toMatchObject({ code: 'METER_VERIFICATION_EXPIRED' });
    // Someone else's home is refused by the system itself.
    await expect(client.getMeters(id(expiredOwner), [String(home.userPlaceId)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('does not take HTTP 200 retry_later for success, on reads or writes', async () => {
    sim.faults.set({ endpoint: 'PUT /api/efp/counters/addIndications/', errorRate: 1, status: 200 });
    const submission = { userPlaceId: String(home.userPlaceId), meterId: String(meter.counterId), value: last(meter) + 1, period: '2026-11-30' };
    await expect(client.submitReading(id(person), submission)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'housing' });
    sim.faults.clear();
    sim.faults.set({ endpoint: 'GET /api/profile/user/getInfo/', errorRate: 1, status: 200 });
    await expect(client.getHomes(id(person))).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    sim.faults.clear();
    // Nothing was kept: the same reading is taken afterwards.
    await expect(client.submitReading(id(person), submission)).resolves.toBeUndefined();
  });

  it.each(['truncated', 'html', 'empty', 'wrong-shape'] as const)('turns a %s body into LEGACY_BAD_RESPONSE', async (malformed) => {
    sim.faults.set({ malformed });
    await expect(client.getHomes(id(person))).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'housing' });
    await expect(client.getBills(id(person), [{ payerCode: person.payerCodes[0]!, flat: home.flat }], { from: '2026-01-01', to: '2026-11-01' })).rejects.toMatchObject({
      code: 'LEGACY_BAD_RESPONSE',
    });
  });

  it("turns the portal's 5xx page into LEGACY_UNAVAILABLE and a refused token into LEGACY_BAD_RESPONSE", async () => {
    sim.faults.set({ errorRate: 1, status: 502 });
    await expect(client.getBills(id(person), [{ payerCode: person.payerCodes[0]!, flat: home.flat }], { from: '2026-01-01', to: '2026-11-01' })).rejects.toMatchObject({
      code: 'LEGACY_UNAVAILABLE',
    });
    sim.faults.clear();
    const stranger = new HousingClient({ transport, serviceToken: 'wrong' });
    await expect(stranger.getHomes(id(person))).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });
  describe('the portal session', () => {
    /** Headers of every request the adapter sent, seen on the wire. */
    let sent: Array<{ path: string; headers: Record<string, string> }>;
    let lines: string[];
    let recording: LegacyTransport;
    let agent: Agent;

    beforeEach(() => {
      sent = [];
      lines = [];
      agent = new Agent();
      const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
        sent.push({ path: options.path, headers: { ...(options.headers as Record<string, string>) } });
        return dispatch(options, handler);
      };
      const logger = createLogger({ service: 'test', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
      recording = new LegacyTransport({ system: 'housing', baseUrl: sim.url, timeoutMs: 500, dispatcher: agent.compose(record), logger });
      client = new HousingClient({ transport: recording, serviceToken: DEFAULT_SERVICE_TOKEN });
    });
    afterEach(async () => {
      await recording.close();
      await agent.close();
    });

    it('signs in once with the service token, then carries the portal cookie and never the token', async () => {
      await client.getHomes(id(person));
      await client.getMeters(id(person), [String(home.userPlaceId)]);
      await client.getBills(id(person), [{ payerCode: home.payerCode, flat: home.flat }], { from: '2026-10-01', to: '2026-10-01' });
      expect(sent.map((r) => r.path.split('?')[0])).toEqual([
        '/api/profile/auth/web',
        '/api/profile/user/getInfo/',
        '/api/efp/counters/listByPayerCode/',
        '/pgu/common/ajax/Guis062301/GetEpdData',
      ]);
      expect(sent[0]!.headers.authorization).toBe(`Bearer ${DEFAULT_SERVICE_TOKEN}`);
      for (const call of sent.slice(1)) {
        expect(call.headers.authorization).toBeUndefined();
        expect(call.headers.cookie).toMatch(/^session-cookie=[0-9a-f-]{36}$/);
        expect(call.headers['x-person-id']).toBe(id(person));
      }
      expect(new Set(sent.slice(1).map((r) => r.headers.cookie)).size).toBe(1);
    });

    it('signs in again once when the portal has ended the session, however many calls find it ended', async () => {
      await client.openSession();
      const before = sent.length;
      clock.set(new Date(NOW.getTime() + 40 * 60_000));
      const others = [person, expiredOwner];
      const homes = await Promise.all([...others, person].map((p) => client.getHomes(id(p))));
      expect(homes[0]!.map((h) => h.payerCode)).toEqual(person.payerCodes);
      const paths = sent.slice(before).map((r) => r.path.split('?')[0]);
      expect(paths.filter((p) => p === '/api/profile/auth/web')).toHaveLength(1);
      // Each call was refused once on the old session and answered on the new one.
      expect(paths.filter((p) => p === '/api/profile/user/getInfo/')).toHaveLength(6);
    });

    it('signs in again when the www.mos.ru pages send it to the sign-on form, and a write is sent again only then', async () => {
      await client.openSession();
      clock.set(new Date(NOW.getTime() + 40 * 60_000));
      const bills = await client.getBills(id(person), [{ payerCode: home.payerCode, flat: home.flat }], { from: '2026-10-01', to: '2026-10-01' });
      expect(bills.get(home.payerCode)).toHaveLength(1);
      clock.set(new Date(NOW.getTime() + 80 * 60_000));
      const submission = { userPlaceId: String(home.userPlaceId), meterId: String(meter.counterId), value: last(meter) + 1, period: '2026-11-30' };
      await client.submitReading(id(person), submission);
      const writes = sent.filter((r) => r.path.startsWith('/api/efp/counters/addIndications/'));
      // The first was refused for its session and not acted on; the second was taken, once.
      expect(writes).toHaveLength(2);
      expect(sim.stats.snapshot().endpoints['POST /api/profile/auth/web']).toBe(3);
    });

    it('reports a portal that refuses a session it has just given as LEGACY_BAD_RESPONSE, without looping', async () => {
      // An integration that names no person is signed in as no one: 401 on every session.
      await expect(client.getHomes('')).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'housing' });
      expect(sent.map((r) => r.path.split('?')[0])).toEqual(['/api/profile/auth/web', '/api/profile/user/getInfo/', '/api/profile/auth/web', '/api/profile/user/getInfo/']);
    });

    it('takes the request id and the deadline from the request scope, the sign-in included, with nothing passed per call', async () => {
      await runInRequestScope({ requestId: 'dashboard-7' }, async () => {
        await client.getHomes(id(person));
        await client.getMeters(id(person), [String(home.userPlaceId)]);
      });
      expect(sent.map((r) => [r.path.split('?')[0], r.headers['x-request-id']])).toEqual([
        ['/api/profile/auth/web', 'dashboard-7'],
        ['/api/profile/user/getInfo/', 'dashboard-7'],
        ['/api/efp/counters/listByPayerCode/', 'dashboard-7'],
      ]);
      // A request whose deadline has passed sends nothing more.
      const late = runInRequestScope({ requestId: 'late', deadline: Date.now() - 1 }, () => client.getMeters(id(person), [String(home.userPlaceId)]));
      await expect(late).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT', system: 'housing' });
      expect(sent).toHaveLength(3);
    });

    it('writes neither the session nor the service token to the log', async () => {
      await client.getHomes(id(person));
      clock.set(new Date(NOW.getTime() + 40 * 60_000));
      await client.getHomes(id(person));
      const sessions = sent.map((r) => r.headers.cookie).filter((c): c is string => c !== undefined);
      expect(lines.length).toBeGreaterThan(0);
      const log = lines.join('\n');
      for (const cookie of sessions) expect(log).not.toContain(cookie.split('=')[1]);
      expect(log).not.toContain(DEFAULT_SERVICE_TOKEN);
    });
  });
});
