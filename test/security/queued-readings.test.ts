import { request } from 'undici';
import { HousingData, type SimHome, type SimMeter } from '../../legacy/housing';
import type { Person } from '../../legacy/population';
import { gql, type RawReply } from './support/http';
import { type SecureSystem, startSecureSystem } from './support/secure-system';

const METER_LIST = 'GET /api/efp/counters/listByPayerCode/';
const ADD = 'PUT /api/efp/counters/addIndications/';

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitMeterReadingsInput!, $key: String!) {
    submitMeterReadings(input: $input, idempotencyKey: $key) { results { meterId status period value reason { code message } } }
  }
`;
const STATUS = /* GraphQL */ `
  query ($key: String!) { meterReadingSubmission(idempotencyKey: $key) { results { meterId status value reason { code message } } } }
`;
const METERS = /* GraphQL */ `
  { me { homes { payerCode meters { id lastReading { period value source } } } } }
`;

interface Result {
  meterId: string;
  status: string;
  value: number;
  reason: { code: string; message: string } | null;
}

/**
 * A reading that cannot be verified as the submitter's own meter reserves nothing. While the
 * housing system's meter list fails, resident B gives a reading for resident A's meter id under
 * B's own payer code and the graph can only queue it; A's own reading must still be taken, A's
 * value is what reaches the housing system, and B's row is rejected at delivery without a word
 * about A. Through the started system and its gateway, the meter list broken through the
 * simulator's admin endpoint.
 */
describe("a queued reading never stands in the way of the meter's owner", () => {
  let secure: SecureSystem;
  let url: string;
  let housingUrl: string;
  let data: HousingData;
  const used = new Set<number>();

  /** A resident with a verified cold-water meter in the first home, and the reading they would give. */
  const owner = (): { person: Person; home: SimHome; meter: SimMeter; value: number } => {
    const ok = (m: SimMeter): boolean => m.typeName === 'ХВС' && m.checkUpDate > '2027-01-01';
    const person = secure.system.population.findAdult((p) => !used.has(p.id) && !!data.home(p.id, 0)?.meters.some(ok));
    used.add(person.id);
    const home = data.home(person.id, 0)!;
    const meter = home.meters.find(ok)!;
    return { person, home, meter, value: data.generatedHistory(meter, '2026-11-21').at(-1)!.indication + 2 };
  };
  const stranger = (): Person => {
    const person = secure.system.population.findAdult((p) => !used.has(p.id) && p.payerCodes.length > 0);
    used.add(person.id);
    return person;
  };

  const admin = async (method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> => {
    const res = await request(`${housingUrl}/__admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await res.body.dump();
    if (res.statusCode >= 300) throw new Error(`admin ${path} answered ${res.statusCode}`);
  };
  const breakMeterList = () => admin('POST', '/faults', { endpoint: METER_LIST, errorRate: 1, status: 503 });
  const repair = () => admin('DELETE', '/faults');
  /** The outbox's due times are read on the simulators' clock: moving it on makes queued readings due. */
  const minutesLater = (minutes: number) => admin('POST', '/clock', { now: new Date(Date.parse('2026-11-21T12:00:00+03:00') + minutes * 60_000).toISOString() });

  const submit = async (as: Person, payerCode: string, meterId: string, value: number, key: string): Promise<Result> => {
    const reply = await gql(url, SUBMIT, { token: await secure.system.tokenFor(as.id), variables: { input: { payerCode, readings: [{ meterId, value }] }, key } });
    expect(reply.status).toBe(200);
    expect(reply.json?.errors).toBeUndefined();
    return (reply.json!.data as { submitMeterReadings: { results: Result[] } }).submitMeterReadings.results[0]!;
  };
  const statusOf = async (as: Person, key: string): Promise<Result | undefined> => {
    const reply = await gql(url, STATUS, { token: await secure.system.tokenFor(as.id), variables: { key } });
    return (reply.json?.data as { meterReadingSubmission: { results: Result[] } | null } | undefined)?.meterReadingSubmission?.results[0];
  };
  /** Polls what the worker does, with a deadline. */
  const settled = async (as: Person, key: string): Promise<Result> => {
    const until = Date.now() + 20_000;
    for (;;) {
      const now = await statusOf(as, key);
      if (now && now.status !== 'QUEUED') return now;
      if (Date.now() > until) throw new Error(`the reading under ${key} was not settled in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const lastReadingSeenBy = async (as: Person, payerCode: string, meterId: string): Promise<unknown> => {
    const reply: RawReply = await gql(url, METERS, { token: await secure.system.tokenFor(as.id) });
    const homes = (reply.json!.data as { me: { homes: Array<{ payerCode: string; meters: Array<{ id: string; lastReading: unknown }> }> } }).me.homes;
    return homes.find((h) => h.payerCode === payerCode)?.meters.find((m) => m.id === meterId)?.lastReading;
  };
  const sends = (): number => secure.system.simulators.housing.stats.snapshot().endpoints[ADD] ?? 0;
  /**
   * Nothing in B's answer may tell B anything about A beyond the meter id B gave (which, in the
   * simulated city, encodes A's id): not A's id, name, home, payer code or the meter's serial.
   */
  const expectNothingOf = (a: ReturnType<typeof owner>, answer: unknown): void => {
    const text = JSON.stringify(answer).split(String(a.meter.counterId)).join('');
    for (const secret of [String(a.person.id), a.person.lastName, a.home.payerCode, String(a.home.userPlaceId), a.home.address, a.meter.num]) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    secure = await startSecureSystem();
    url = secure.system.gateway.graphqlUrl;
    housingUrl = secure.system.simulators.housing.url;
    data = new HousingData(secure.system.population);
  });
  afterAll(() => secure.close());
  beforeEach(async () => {
    await repair();
    await minutesLater(0);
    secure.system.simulators.housing.stats.reset();
  });

  it("while the meter list fails: B queues for A's meter, A's own reading is accepted too, and on recovery A's value is stored and B's row REJECTED", async () => {
    const a = owner();
    const b = stranger();
    const meterId = String(a.meter.counterId);
    await breakMeterList();

    // B names A's meter under B's own payer code; the graph cannot check the meter, so it queues.
    const attempt = await submit(b, b.payerCodes[0]!, meterId, a.value + 500, 'readings-2026-11');
    expect(attempt).toMatchObject({ meterId, status: 'QUEUED' });
    // A's own reading, under the same idempotency key as B's: taken, not refused as already submitted.
    const own = await submit(a.person, a.home.payerCode, meterId, a.value, 'readings-2026-11');
    expect(own).toEqual({ meterId, status: 'QUEUED', period: '2026-11-30', value: a.value, reason: null });
    expect(sends()).toBe(0);

    await repair();
    await minutesLater(10);
    expect(await settled(a.person, 'readings-2026-11')).toMatchObject({ status: 'DELIVERED', value: a.value, reason: null });
    const refused = await settled(b, 'readings-2026-11');
    expect(refused).toMatchObject({ status: 'REJECTED', value: a.value + 500, reason: { code: 'METER_NOT_FOUND' } });
    expectNothingOf(a, refused);

    // The housing system holds A's value for the period, and was sent nothing else.
    expect(await lastReadingSeenBy(a.person, a.home.payerCode, meterId)).toEqual({ period: '2026-11-30', value: a.value, source: 'mos.ru' });
    expect(sends()).toBe(1);
  });

  it("when the meter list is back before the worker runs: A's reading is delivered at once, beside B's queued row, which the worker then rejects", async () => {
    const a = owner();
    const b = stranger();
    const meterId = String(a.meter.counterId);
    await breakMeterList();
    expect(await submit(b, b.payerCodes[0]!, meterId, a.value, 'b-first')).toMatchObject({ status: 'QUEUED' });

    // Verified against A's own meter list now, and sent at once: B's row holds no place.
    await repair();
    expect(await submit(a.person, a.home.payerCode, meterId, a.value, 'a-second')).toEqual({ meterId, status: 'DELIVERED', period: '2026-11-30', value: a.value, reason: null });
    expect(await lastReadingSeenBy(a.person, a.home.payerCode, meterId)).toEqual({ period: '2026-11-30', value: a.value, source: 'mos.ru' });

    // B even gave A's exact value: still never delivered, and refused naming nothing of A.
    await minutesLater(10);
    const refused = await settled(b, 'b-first');
    expect(refused).toMatchObject({ status: 'REJECTED', reason: { code: 'METER_NOT_FOUND' } });
    expectNothingOf(a, refused);
    expect(sends()).toBe(1);
  });
});
