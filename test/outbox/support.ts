import { createHousingSimulator, HousingData, type HousingSimulatorDefinition, type SimHome, type SimMeter } from '../../legacy/housing';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../../legacy/kit';
import { type Person, Population } from '../../legacy/population';
import { createRegistrySimulator } from '../../legacy/registry';
import type { Logger } from '../../platform/logging';
import { openDatabase, type SqlDatabase, type SqlExecutor } from '../../platform/storage';
import { createHousingSubgraph, type HousingConfig, type HousingSubgraphDefinition } from '../../subgraphs/housing';
import type { SubgraphOptions } from '../../subgraphs/kit';
import { startTestSubgraph, type TestSubgraph } from '../../subgraphs/kit/testing';
import { eventually as poll } from '../support/eventually';
import { type TestDatabases, testDatabases } from '../support/test-database';
import { freshPostgresDatabase } from './postgres';

export const NOW = new Date('2026-11-21T12:00:00+03:00');
export const ADD = 'PUT /api/efp/counters/addIndications/';
export const minutesAfterNow = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

/**
 * Where an outbox can live: the embedded database always, and PostgreSQL where the environment
 * names one (CI starts a server and sets TEST_DATABASE_URL).
 */
export interface Backend {
  name: 'embedded' | 'postgres';
  /** A fresh, empty place; `config` opens it by configuration, `open` as a handle of its own. */
  fresh(): Promise<Place>;
  /** Closes what the test file opened; `afterAll`. */
  close(): Promise<void>;
}

export interface Place {
  /** The outbox settings that point a subgraph at this place (it opens and closes the database). */
  config: { databaseUrl?: string; dataDir?: string };
  /**
   * The embedded database: one per test file (opening one costs seconds), a fresh schema per
   * test, handed to every subgraph the test starts, as one process's handle is shared by its parts.
   */
  database?: SqlDatabase;
  /** Opens another handle on the same database. */
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

export const BACKENDS: Backend[] = testDatabases().map((databases) =>
  databases.name === 'embedded'
    ? { name: 'embedded', fresh: () => freshEmbedded(databases), close: () => databases.close() }
    : { name: 'postgres', fresh: () => freshPostgres(process.env.TEST_DATABASE_URL as string), close: () => databases.close() },
);

async function freshEmbedded(databases: TestDatabases): Promise<Place> {
  const database = await databases.fresh();
  return { config: {}, database, open: async () => database, dispose: async () => undefined };
}

async function freshPostgres(adminUrl: string): Promise<Place> {
  const database = await freshPostgresDatabase(adminUrl, 'housing_outbox');
  return { config: { databaseUrl: database.url }, open: () => openDatabase({ url: database.url }), dispose: database.drop };
}

/**
 * A database handle that fails the statement marking a reading DELIVERED or REJECTED while
 * `failSettling` is set: the process dies, as far as the outbox can tell, between the housing
 * system taking the reading and the outbox recording it.
 */
export class SettleFailingDatabase implements SqlDatabase {
  failSettling = false;
  settleFailures = 0;

  constructor(private readonly inner: SqlDatabase) {}

  get kind(): SqlDatabase['kind'] {
    return this.inner.kind;
  }

  query<R extends object = Record<string, unknown>>(sql: string, params?: ReadonlyArray<unknown>): Promise<{ rows: R[] }> {
    this.check(sql);
    return this.inner.query<R>(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      work({
        query: <R extends object>(sql: string, params?: ReadonlyArray<unknown>) => {
          this.check(sql);
          return tx.query<R>(sql, params);
        },
      }),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private check(sql: string): void {
    if (this.failSettling && /^\s*update housing_readings set status/.test(sql)) {
      this.settleFailures += 1;
      throw new Error('the process died before it could mark the reading');
    }
  }
}

/** The legacy side of the tests: the registry (who represents whom) and the housing system, on one pinned clock. */
export interface Legacy {
  clock: AdjustableClock;
  population: Population;
  data: HousingData;
  registry: RunningSimulator;
  housing: RunningSimulator;
  housingSim: HousingSimulatorDefinition;
  /** addIndications calls that reached the housing system. */
  sends(): number;
  close(): Promise<void>;
}

export async function startLegacy(): Promise<Legacy> {
  const clock = new AdjustableClock(NOW);
  const population = new Population();
  const registry = await startSimulator(createRegistrySimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
  const housingSim = createHousingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN });
  const housing = await startSimulator(housingSim, { clock });
  return {
    clock,
    population,
    data: new HousingData(population),
    registry,
    housing,
    housingSim,
    sends: () => housing.stats.snapshot().endpoints[ADD] ?? 0,
    close: async () => {
      await housing.close();
      await registry.close();
    },
  };
}

export interface RunningHousing {
  subgraph: TestSubgraph;
  definition: HousingSubgraphDefinition;
  close(): Promise<void>;
}

/** A housing subgraph process over HTTP, its outbox where `outbox` or `database` says, its worker quick to notice recovery. */
export async function startHousing(legacy: Legacy, where: { outbox?: HousingConfig['outbox']; database?: SqlDatabase }): Promise<RunningHousing> {
  let definition: HousingSubgraphDefinition | undefined;
  const subgraph = await startTestSubgraph(
    (config: HousingConfig, logger: Logger, options: SubgraphOptions) => (definition = createHousingSubgraph(config, logger, { ...options, clock: legacy.clock, database: where.database })),
    {
      registryUrl: legacy.registry.url,
      housingUrl: legacy.housing.url,
      housingServiceToken: DEFAULT_SERVICE_TOKEN,
      outbox: { pollIntervalMs: 20, ...where.outbox },
    },
  );
  if (!definition) throw new Error('the subgraph was not created');
  await definition.ready();
  return { subgraph, definition, close: () => subgraph.close() };
}

/** A reading a resident may give now: one of their verified water meters, a little above its last reading. */
export interface Candidate {
  person: Person;
  home: SimHome;
  meter: SimMeter;
  value: number;
}

/** `count` residents, each with a verified cold-water meter in their first home, none repeated. */
export function candidates(legacy: Legacy, count: number, exclude: ReadonlySet<number> = new Set()): Candidate[] {
  const out: Candidate[] = [];
  const taken = new Set(exclude);
  while (out.length < count) {
    const person = legacy.population.findAdult((p) => !taken.has(p.id) && !!legacy.data.home(p.id, 0)?.meters.some((m) => m.typeName === 'ХВС' && m.checkUpDate > '2027-01-01'));
    taken.add(person.id);
    const home = legacy.data.home(person.id, 0)!;
    const meter = home.meters.find((m) => m.typeName === 'ХВС' && m.checkUpDate > '2027-01-01')!;
    const last = legacy.data.generatedHistory(meter, '2026-11-21').at(-1)!.indication;
    out.push({ person, home, meter, value: last + 2 });
  }
  return out;
}

export const resident = (p: Person) => ({ kind: 'resident' as const, personId: String(p.id) });

export const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitMeterReadingsInput!, $key: String!) {
    submitMeterReadings(input: $input, idempotencyKey: $key) {
      idempotencyKey
      payerCode
      submittedAt
      results { meterId status period value reason { code message } submittedAt settledAt }
    }
  }
`;

export const STATUS = /* GraphQL */ `
  query ($key: String!) {
    meterReadingSubmission(idempotencyKey: $key) {
      idempotencyKey
      payerCode
      submittedAt
      results { meterId status period value reason { code message } submittedAt settledAt }
    }
  }
`;

export interface Outcome {
  idempotencyKey: string;
  payerCode: string;
  submittedAt: string;
  results: Array<{ meterId: string; status: string; period: string | null; value: number; reason: { code: string; message: string } | null; submittedAt: string; settledAt: string | null }>;
}

export async function submit(subgraph: TestSubgraph, c: Candidate, key: string, readings = [{ meterId: String(c.meter.counterId), value: c.value }]) {
  return subgraph.query<{ submitMeterReadings: Outcome }>(SUBMIT, { input: { payerCode: c.home.payerCode, readings }, key }, resident(c.person));
}

export async function status(subgraph: TestSubgraph, c: Candidate, key: string): Promise<Outcome | null | undefined> {
  const reply = await subgraph.query<{ meterReadingSubmission: Outcome | null }>(STATUS, { key }, resident(c.person));
  if (reply.errors) throw new Error(`status query failed: ${JSON.stringify(reply.errors)}`);
  return reply.data?.meterReadingSubmission;
}

/** Polls until the outbox's worker has done what `probe` looks for. */
export const eventually = <T>(probe: () => Promise<T | undefined | false>): Promise<T> => poll(probe, 15_000);

/** The housing system's stored readings of these meters, as [counterId, period, value]. */
export function stored(legacy: Legacy, meters: ReadonlyArray<SimMeter>): Array<[number, string, number]> {
  const ids = new Set(meters.map((m) => m.counterId));
  return legacy.housingSim
    .storedReadings()
    .filter((r) => ids.has(r.counterId))
    .map((r): [number, string, number] => [r.counterId, r.period, r.indication])
    .sort((a, b) => a[0] - b[0]);
}
