import { createHousingSimulator, HousingData, type HousingSimulatorDefinition, type SimMeter } from '../../legacy/housing';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import type { Logger } from '../../platform/logging';
import { eventually } from '../../test/support/eventually';
import type { SubgraphOptions } from '../kit';
import { startTestSubgraph, type TestSubgraph } from '../kit/testing';
import { createHousingSubgraph, type HousingConfig, type HousingSubgraphDefinition } from './service';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const ADD = 'PUT /api/efp/counters/addIndications/';

const DASHBOARD = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Resident {
        homes {
          payerCode
          address
          meters { id kind serialNumber canSubmitNow lastReading { period value } }
          bills(last: 3) { period status amount { kopecks } }
        }
      }
    }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitMeterReadingsInput!, $key: String!) {
    submitMeterReadings(input: $input, idempotencyKey: $key) {
      payerCode
      results { meterId status period value reason { code message retryable } }
    }
  }
`;

const STATUS = /* GraphQL */ `
  query ($key: String!) {
    meterReadingSubmission(idempotencyKey: $key) {
      idempotencyKey
      payerCode
      submittedAt
      results { meterId status period value reason { code } submittedAt settledAt }
    }
  }
`;

interface Submission {
  payerCode: string;
  results: { meterId: string; status: string; period: string | null; value: number; reason: { code: string; message: string; retryable: boolean } | null }[];
}

describe('housing subgraph', () => {
  const population = new Population();
  const data = new HousingData(population);
  const ok = (m: SimMeter): boolean => m.checkUpDate > '2027-01-01';
  const hasOk = (p: Person, type: string): boolean => !!data.home(p.id, 0)?.meters.some((m) => m.typeName === type && ok(m));
  const owner = population.findAdult((p) => p.payerCodes.length === 2 && hasOk(p, 'ХВС') && hasOk(p, 'ГВС'));
  const single = population.findAdult((p) => p.payerCodes.length === 1);
  const triple = population.findAdult((p) => p.payerCodes.length === 3);
  const expiredOwner = population.findAdult((p) => p.id !== owner.id && !!data.home(p.id, 0)?.meters.some((m) => m.checkUpDate < '2026-11-01'));
  const home = data.home(owner.id, 0)!;
  const cold = home.meters.find((m) => m.typeName === 'ХВС' && ok(m))!;
  const hot = home.meters.find((m) => m.typeName === 'ГВС' && ok(m))!;
  const last = (m: SimMeter): number => data.generatedHistory(m, '2026-11-21').at(-1)!.indication;
  const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });
  const representation = (p: Person) => ({ __typename: 'Resident', id: String(p.id), sealedHousingKeys: subgraph.seal('housing', String(p.id), { payerCodes: p.payerCodes }) });

  let clock: AdjustableClock;
  let registry: RunningSimulator;
  let housing: RunningSimulator;
  let housingSim: HousingSimulatorDefinition;
  let subgraph: TestSubgraph;

  const submit = async (as: Person, payerCode: string, readings: { meterId: string; value: number }[], key: string) =>
    subgraph.query<{ submitMeterReadings: Submission }>(SUBMIT, { input: { payerCode, readings }, key }, resident(as));
  const writes = (): number => housing.stats.snapshot().endpoints[ADD] ?? 0;

  beforeAll(async () => {
    clock = new AdjustableClock(NOW);
    registry = await startSimulator(createRegistrySimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
    housingSim = createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN });
    housing = await startSimulator(housingSim, { clock });
    let definition: HousingSubgraphDefinition | undefined;
    subgraph = await startTestSubgraph(
      (config: HousingConfig, logger: Logger, options: SubgraphOptions) => (definition = createHousingSubgraph(config, logger, { ...options, clock })),
      {
        registryUrl: registry.url,
        housingUrl: housing.url,
        housingServiceToken: DEFAULT_SERVICE_TOKEN,
        // The outbox in memory; an idle worker looks for due readings often, so recovery shows fast.
        outbox: { pollIntervalMs: 20 },
      },
      { clock },
    );
    await definition?.ready();
  });
  afterAll(async () => {
    await subgraph.close();
    await housing.close();
    await registry.close();
  });
  beforeEach(() => {
    clock.set(NOW);
    housing.stats.reset();
    housing.faults.clear();
  });

  it('serves the dashboard with one housing call per endpoint, however many homes', async () => {
    for (const person of [single, owner, triple]) {
      housing.stats.reset();
      const reply = await subgraph.query<{
        _entities: {
          homes: { payerCode: string; meters: { id: string; kind: string; canSubmitNow: boolean; lastReading: unknown }[]; bills: { period: string; amount: { kopecks: number } }[] }[];
        }[];
      }>(DASHBOARD, { r: [representation(person)] }, resident(person));
      expect(reply.errors).toBeUndefined();
      const homes = reply.data!._entities[0]!.homes;
      expect(homes.map((h) => h.payerCode)).toEqual(person.payerCodes);
      expect(housing.stats.snapshot().endpoints).toEqual({
        'GET /api/profile/user/getInfo/': 1,
        'GET /api/efp/counters/listByPayerCode/': 1,
        'GET /pgu/common/ajax/Guis062301/GetEpdData': 1,
      });
    }
    const reply = await subgraph.query<{
      _entities: {
        homes: {
          address: string;
          meters: { id: string; kind: string; canSubmitNow: boolean; lastReading: unknown }[];
          bills: { period: string; status: string; amount: { kopecks: number } }[];
        }[];
      }[];
    }>(DASHBOARD, { r: [representation(owner)] }, resident(owner));
    const first = reply.data!._entities[0]!.homes[0]!;
    expect(first.address).toBe(owner.registration.addressText);
    expect(first.meters.find((m) => m.id === String(cold.counterId))).toEqual({
      id: String(cold.counterId),
      kind: 'COLD_WATER',
      serialNumber: cold.num,
      canSubmitNow: true,
      lastReading: { period: '2026-10-31', value: last(cold) },
    });
    const bills = data.bills(home, '2026-08-01', '2026-10-01', '2026-11-21').reverse();
    expect(first.bills).toEqual(bills.map((b) => ({ period: b.period, status: b.paid ? 'PAID' : 'NOT_PAID', amount: { kopecks: b.accrualKopecks } })));
  });

  it("serves a meter's window, verification, readings pages and the home's debt", async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!, $after: String) {
        _entities(representations: $r) {
          ... on Resident {
            homes {
              flat
              debt { kopecks rubles }
              meters { id verifiedUntil verificationExpired submitWindow { period opensOn closesOn open } readings(first: 2, after: $after) { readings { period value } hasNextPage endCursor } }
            }
          }
        }
      }
    `;
    type Reply = {
      _entities: {
        homes: {
          flat: string;
          debt: { kopecks: number };
          meters: { id: string; verifiedUntil: string; submitWindow: unknown; readings: { readings: { period: string }[]; endCursor: string } }[];
        }[];
      }[];
    };
    const page1 = await subgraph.query<Reply>(query, { r: [representation(owner)] }, resident(owner));
    expect(page1.errors).toBeUndefined();
    const first = page1.data!._entities[0]!.homes[0]!;
    expect(first.flat).toBe(home.flat);
    const unpaid = data.bills(home, '2023-12-01', '2026-11-01', '2026-11-21').filter((b) => !b.paid);
    expect(first.debt.kopecks).toBe(unpaid.reduce((s, b) => s + b.accrualKopecks + b.penaltyKopecks - b.paymentKopecks, 0));
    const meter = first.meters.find((m) => m.id === String(cold.counterId))!;
    expect(meter.verifiedUntil).toBe(cold.checkUpDate);
    expect(meter.submitWindow).toEqual({ period: '2026-11-30', opensOn: '2026-11-15', closesOn: '2026-12-03', open: true });
    expect(meter.readings.readings.map((r) => r.period)).toEqual(['2026-10-31', '2026-09-30']);
    const page2 = await subgraph.query<Reply>(query, { r: [representation(owner)], after: meter.readings.endCursor }, resident(owner));
    const next = page2.data!._entities[0]!.homes[0]!.meters.find((m) => m.id === String(cold.counterId))!;
    expect(next.readings.readings.map((r) => r.period)).toEqual(['2026-08-31', '2026-07-31']);
  });

  it('refuses bad page arguments with BAD_USER_INPUT before any call for them', async () => {
    const reply = await subgraph.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { homes { bills(last: 100) { period } } } } }',
      { r: [representation(owner)] },
      resident(owner),
    );
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(housing.stats.snapshot().endpoints['GET /pgu/common/ajax/Guis062301/GetEpdData']).toBeUndefined();
  });

  it('delivers a valid reading, shows it as the last reading, then refuses a second one for the period locally', async () => {
    const value = last(cold) + 3;
    const reply = await submit(owner, home.payerCode, [{ meterId: String(cold.counterId), value }], 'deliver-1');
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.submitMeterReadings).toEqual({
      payerCode: home.payerCode,
      results: [{ meterId: String(cold.counterId), status: 'DELIVERED', period: '2026-11-30', value, reason: null }],
    });
    expect(writes()).toBe(1);

    const after = await subgraph.query<{ _entities: { homes: { meters: { id: string; canSubmitNow: boolean; lastReading: { period: string; value: number } }[] }[] }[] }>(
      DASHBOARD,
      { r: [representation(owner)] },
      resident(owner),
    );
    const meter = after.data!._entities[0]!.homes[0]!.meters.find((m) => m.id === String(cold.counterId))!;
    expect(meter).toMatchObject({ canSubmitNow: false, lastReading: { period: '2026-11-30', value } });

    const again = await submit(owner, home.payerCode, [{ meterId: String(cold.counterId), value: value + 1 }], 'deliver-2');
    expect(again.data?.submitMeterReadings.results[0]).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_ALREADY_SUBMITTED', retryable: false } });
    expect(writes()).toBe(1);
  });

  it('returns the first answer to a replayed idempotency key without a second write, and refuses the key for other readings', async () => {
    const first = await submit(owner, home.payerCode, [{ meterId: String(cold.counterId), value: last(cold) + 3 }], 'deliver-1');
    expect(first.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    expect(writes()).toBe(0);
    const other = await submit(owner, home.payerCode, [{ meterId: String(cold.counterId), value: last(cold) + 4 }], 'deliver-1');
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    // Another resident's identical key is a different submission.
    const stranger = await submit(expiredOwner, expiredOwner.payerCodes[0]!, [{ meterId: '1', value: 1 }], 'deliver-1');
    expect(stranger.data?.submitMeterReadings.results[0]?.reason?.code).toBe('METER_NOT_FOUND');
    expect(writes()).toBe(0);
  });

  it.each([
    ['READING_NOT_WHOLE', () => last(hot) + 1.5],
    ['READING_NEGATIVE', () => -1],
    ['READING_DECREASING', () => last(hot) - 1],
    ['READING_ABOVE_NORM', () => last(hot) + 5 * home.registeredPersons * 3 + 1],
  ])('rejects a reading breaking %s locally, with no write', async (code, value) => {
    const reply = await submit(owner, home.payerCode, [{ meterId: String(hot.counterId), value: value() }], `rule-${code}`);
    expect(reply.errors).toBeUndefined();
    const result = reply.data!.submitMeterReadings.results[0]!;
    expect(result).toMatchObject({ meterId: String(hot.counterId), status: 'REJECTED', reason: { code, retryable: false } });
    expect(result.reason?.message).toContain(hot.num);
    expect(writes()).toBe(0);
  });

  it('rejects readings outside the window, for an expired meter and for an unknown meter, with no write', async () => {
    clock.set(new Date('2026-11-10T12:00:00+03:00'));
    const outside = await submit(owner, home.payerCode, [{ meterId: String(hot.counterId), value: last(hot) + 1 }], 'rule-window');
    expect(outside.data?.submitMeterReadings.results[0]?.reason).toMatchObject({ code: 'READING_OUTSIDE_WINDOW' });
    expect(outside.data?.submitMeterReadings.results[0]?.reason?.message).toContain('2026-11-15');
    clock.set(NOW);

    const expiredHome = data.home(expiredOwner.id, 0)!;
    const expired = expiredHome.meters.find((m) => m.checkUpDate < '2026-11-01')!;
    const reply = await submit(
      expiredOwner,
      expiredHome.payerCode,
      [
        { meterId: String(expired.counterId), value: last(expired) + 1 },
        { meterId: '999', value: 5 },
      ],
      'rule-expired',
    );
    expect(reply.data?.submitMeterReadings.results.map((r) => r.reason?.code)).toEqual(['METER_VERIFICATION_EXPIRED', 'METER_NOT_FOUND']);
    expect(writes()).toBe(0);
  });

  it("refuses a payer code that is not the resident's with FORBIDDEN and no housing call", async () => {
    const reply = await submit(owner, expiredOwner.payerCodes[0]!, [{ meterId: '1', value: 1 }], 'foreign');
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(reply.data).toBeNull();
    expect(housing.stats.snapshot().total).toBe(0);
  });

  it('refuses bad input with BAD_USER_INPUT and no housing call', async () => {
    for (const [payerCode, readings, key] of [
      [home.payerCode, [{ meterId: '1', value: 1 }], ''],
      ['12345', [{ meterId: '1', value: 1 }], 'k'],
      [home.payerCode, [], 'k'],
      [
        home.payerCode,
        [
          { meterId: '1', value: 1 },
          { meterId: '1', value: 2 },
        ],
        'k',
      ],
    ] as const) {
      const reply = await submit(owner, payerCode, [...readings], key);
      expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(housing.stats.snapshot().total).toBe(0);
  });

  it('answers QUEUED when housing cannot take a reading, shows the status to the submitter only, and delivers it once when housing is back', async () => {
    // Behaviour changed with the outbox: a housing failure no longer rejects the reading.
    housing.faults.set({ endpoint: ADD, errorRate: 1, status: 200 });
    const value = last(hot) + 1;
    const reply = await submit(owner, home.payerCode, [{ meterId: String(hot.counterId), value }], 'fails');
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.submitMeterReadings.results[0]).toEqual({ meterId: String(hot.counterId), status: 'QUEUED', period: '2026-11-30', value, reason: null });
    expect(writes()).toBe(1);

    type Status = { meterReadingSubmission: { submittedAt: string; results: { status: string; submittedAt: string; settledAt: string | null }[] } | null };
    const queued = await subgraph.query<Status>(STATUS, { key: 'fails' }, resident(owner));
    expect(queued.data?.meterReadingSubmission).toMatchObject({
      submittedAt: '2026-11-21T12:00:00+03:00',
      results: [{ status: 'QUEUED', submittedAt: '2026-11-21T12:00:00+03:00', settledAt: null }],
    });
    // Another resident's identical key reads nothing of it.
    expect((await subgraph.query<Status>(STATUS, { key: 'fails' }, resident(single))).data?.meterReadingSubmission).toBeNull();
    // A second reading for the meter and period while the first waits is refused, not queued twice.
    const twice = await submit(owner, home.payerCode, [{ meterId: String(hot.counterId), value: value + 1 }], 'fails-again');
    expect(twice.data?.submitMeterReadings.results[0]).toMatchObject({ status: 'REJECTED', reason: { code: 'READING_ALREADY_SUBMITTED' } });
    expect(writes()).toBe(1);

    // Still failing: the worker keeps it queued; nothing is due before the first wait has passed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writes()).toBe(1);

    housing.faults.clear();
    clock.set(new Date(NOW.getTime() + 10 * 60_000));
    const delivered = await eventually(async () => {
      const now = await subgraph.query<Status>(STATUS, { key: 'fails' }, resident(owner));
      return now.data?.meterReadingSubmission?.results[0]?.status === 'DELIVERED' ? now : undefined;
    });
    expect(delivered.data?.meterReadingSubmission?.results[0]?.settledAt).toBe('2026-11-21T12:10:00+03:00');
    expect(writes()).toBe(2);
    expect(housingSim.storedReadings().filter((r) => r.counterId === hot.counterId)).toEqual([
      { counterId: hot.counterId, period: '2026-11-30', indication: value, takenAt: new Date(NOW.getTime() + 10 * 60_000).toISOString() },
    ]);
    // The replay answers the same submission as it is now.
    const replay = await submit(owner, home.payerCode, [{ meterId: String(hot.counterId), value }], 'fails');
    expect(replay.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    expect(writes()).toBe(2);

    const meters = await subgraph.query<{ _entities: { homes: { meters: { id: string; submissions: { status: string; value: number; reason: { code: string } | null }[] }[] }[] }[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { homes { meters { id submissions(first: 5) { status value reason { code } } } } } } }',
      { r: [representation(owner)] },
      resident(owner),
    );
    expect(meters.errors).toBeUndefined();
    const submissions = meters.data!._entities[0]!.homes[0]!.meters.find((m) => m.id === String(hot.counterId))!.submissions;
    expect(submissions.slice(0, 2)).toEqual([
      { status: 'REJECTED', value: value + 1, reason: { code: 'READING_ALREADY_SUBMITTED' } },
      { status: 'DELIVERED', value, reason: null },
    ]);
  });

  it('runs concurrent calls with one key once, and answers both alike', async () => {
    const other = population.findAdult((p) => p.id !== owner.id && p.payerCodes.length > 0 && hasOk(p, 'ХВС'));
    const otherHome = data.home(other.id, 0)!;
    const meter = otherHome.meters.find((m) => m.typeName === 'ХВС' && ok(m))!;
    const readings = [{ meterId: String(meter.counterId), value: last(meter) + 1 }];
    const [a, b] = await Promise.all([submit(other, otherHome.payerCode, readings, 'together'), submit(other, otherHome.payerCode, readings, 'together')]);
    expect(a.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
    expect(a.data).toEqual(b.data);
    expect(writes()).toBe(1);
  });

  it('refuses a representation of someone the resident does not represent, and nulls homes when housing is down', async () => {
    const foreign = await subgraph.query(DASHBOARD, { r: [representation(expiredOwner)] }, resident(owner));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(housing.stats.snapshot().total).toBe(0);

    // A resident whose homes nobody has read here, so no stale copy can stand in for the portal.
    const unread = population.findAdult((p) => ![owner.id, single.id, triple.id, expiredOwner.id].includes(p.id) && p.payerCodes.length > 0);
    housing.faults.set({ errorRate: 1, status: 503 });
    const down = await subgraph.query(DASHBOARD, { r: [representation(unread)] }, resident(unread));
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'housing' });
    expect(JSON.stringify(down)).not.toContain(housing.url);
    expect(JSON.stringify(down)).not.toContain(unread.payerCodes[0]);
  });
});
