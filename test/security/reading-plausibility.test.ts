import { type CounterType, HousingData, MONTHLY_CAP, type SimHome, type SimMeter } from '../../legacy/housing';
import type { Person } from '../../legacy/population';
import { gql } from './support/http';
import { type SecureSystem, startSecureSystem } from './support/secure-system';

const ADD = 'PUT /api/efp/counters/addIndications/';
const ABSURD = 9_007_199_254_740_991;

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitMeterReadingsInput!, $key: String!) {
    submitMeterReadings(input: $input, idempotencyKey: $key) { results { meterId status value reason { code } } }
  }
`;

/**
 * Every meter kind has a plausibility bound, and an absurd reading is refused before anything
 * reaches the housing system: through the gateway, for heat and electricity (a cap per month) and
 * for any meter (what its register can show), also while the meter list cannot be read.
 */
describe('implausible meter readings', () => {
  let secure: SecureSystem;
  let data: HousingData;
  const used = new Set<number>();

  const withMeter = (type: CounterType): { person: Person; home: SimHome; meter: SimMeter; last: number } => {
    const ok = (m: SimMeter): boolean => m.typeName === type && m.checkUpDate > '2027-01-01';
    const person = secure.system.population.findAdult((p) => !used.has(p.id) && !!data.home(p.id, 0)?.meters.some(ok));
    used.add(person.id);
    const home = data.home(person.id, 0)!;
    const meter = home.meters.find(ok)!;
    return { person, home, meter, last: data.generatedHistory(meter, '2026-11-21').at(-1)!.indication };
  };
  const submit = async (who: { person: Person; home: SimHome; meter: SimMeter }, value: number, key: string) => {
    const reply = await gql(secure.system.gateway.graphqlUrl, SUBMIT, {
      token: await secure.system.tokenFor(who.person.id),
      variables: { input: { payerCode: who.home.payerCode, readings: [{ meterId: String(who.meter.counterId), value }] }, key },
    });
    expect(reply.status).toBe(200);
    expect(reply.json?.errors).toBeUndefined();
    return (reply.json!.data as { submitMeterReadings: { results: Array<{ status: string; value: number; reason: { code: string } | null }> } }).submitMeterReadings.results[0];
  };
  const sends = (): number => secure.system.simulators.housing.stats.snapshot().endpoints[ADD] ?? 0;

  beforeAll(async () => {
    secure = await startSecureSystem();
    data = new HousingData(secure.system.population);
  });
  afterAll(() => secure.close());
  beforeEach(() => {
    secure.system.simulators.housing.faults.clear();
    secure.system.simulators.housing.stats.reset();
  });

  it('refuses 9,007,199,254,740,991 Gcal and more heat or electricity than a month allows, with READING_IMPLAUSIBLE and nothing sent', async () => {
    const heat = withMeter('Отопление');
    expect(await submit(heat, ABSURD, 'heat-absurd')).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_IMPLAUSIBLE' } });
    expect(await submit(heat, heat.last + MONTHLY_CAP.Отопление! + 1, 'heat-cap')).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_IMPLAUSIBLE' } });
    const electricity = withMeter('Электроэнергия');
    expect(await submit(electricity, electricity.last + MONTHLY_CAP.Электроэнергия! + 1, 'power-cap')).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_IMPLAUSIBLE' } });
    const water = withMeter('ХВС');
    expect(await submit(water, ABSURD, 'water-absurd')).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_IMPLAUSIBLE' } });
    expect(sends()).toBe(0);

    // A plausible heat reading is still taken.
    expect(await submit(heat, heat.last + 1, 'heat-ok')).toMatchObject({ status: 'DELIVERED', reason: null });
    expect(sends()).toBe(1);
  });

  it('refuses an absurd value at once while the meter list cannot be read, instead of queueing it', async () => {
    const heat = withMeter('Отопление');
    secure.system.simulators.housing.faults.set({ endpoint: 'GET /api/efp/counters/listByPayerCode/', errorRate: 1, status: 503 });
    expect(await submit(heat, ABSURD, 'absurd-while-down')).toMatchObject({ status: 'REJECTED', value: ABSURD, reason: { code: 'READING_IMPLAUSIBLE' } });
    // A value some register could show waits for the worker to judge it against this meter.
    expect(await submit(heat, heat.last + 1, 'plausible-while-down')).toMatchObject({ status: 'QUEUED' });
    expect(sends()).toBe(0);
  });
});
