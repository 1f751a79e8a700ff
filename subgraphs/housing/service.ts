import { join } from 'node:path';
import { HousingClient, type HousingPort } from '../../adapters/housing';
import { RegistryClient } from '../../adapters/registry';
import { developmentDefault, developmentSecret, type Env, envBool, envInt, envOptional, envString, envUrl, repoRoot } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import type { SqlDatabase } from '../../platform/storage';
import { type Clock, systemClock } from '../../platform/time';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import type { HousingContext } from './context';
import { createHousingLoaders } from './loaders';
import { DEFAULT_OUTBOX_SETTINGS, MeterReadings, type OutboxSettings } from './readings';
import { housingResolvers } from './resolvers';

export type HousingConfig = SubgraphConfig & {
  /** The housing portal (meters API and EPD form API on one origin). */
  housingUrl: string;
  /** The service token the housing system issued to the graph. */
  housingServiceToken: string;
  /**
   * The outbox of meter readings: where it is kept and how its worker paces itself. Anything left
   * out takes the default; without `databaseUrl` or `dataDir` it is kept in memory (tests).
   */
  outbox?: Partial<Omit<OutboxSettings, 'retry'>> & { retry?: Partial<OutboxSettings['retry']> };
};

/** The embedded outbox's directory when `HOUSING_OUTBOX_DIR` is not set; `memory` keeps it in memory. */
export const DEFAULT_OUTBOX_DIR = join('.dev', 'housing-outbox');

/**
 * Standalone: `PORT` (default 4104), `HOUSING_URL`, `HOUSING_SERVICE_TOKEN`, the variables every
 * subgraph reads, and the outbox's: `DATABASE_URL` (PostgreSQL; the embedded database when
 * unset), `HOUSING_OUTBOX_DIR` (the embedded database's directory, default `.dev/housing-outbox`
 * in the repository, `memory` for none; one process per directory), `HOUSING_OUTBOX_POLL_MS`
 * (1000), `HOUSING_OUTBOX_RETRY_MIN_MS` (5000), `HOUSING_OUTBOX_RETRY_MAX_MS` (300000),
 * `HOUSING_OUTBOX_LEASE_MS` (60000), `HOUSING_OUTBOX_CONCURRENCY` (2), `HOUSING_OUTBOX_WORKER`
 * (true). Production (`NODE_ENV=production`) requires `HOUSING_URL` and a real
 * `HOUSING_SERVICE_TOKEN`.
 */
export function housingConfigFromEnv(env: Env): HousingConfig {
  const dir = envString(env, 'HOUSING_OUTBOX_DIR', join(repoRoot(), DEFAULT_OUTBOX_DIR));
  return {
    ...subgraphConfigFromEnv(env, 4104),
    housingUrl: envUrl(env, 'HOUSING_URL', developmentDefault('http://127.0.0.1:8104')),
    housingServiceToken: envString(env, 'HOUSING_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
    outbox: {
      databaseUrl: envOptional(env, 'DATABASE_URL'),
      dataDir: dir === 'memory' ? undefined : dir,
      pollIntervalMs: envInt(env, 'HOUSING_OUTBOX_POLL_MS', DEFAULT_OUTBOX_SETTINGS.pollIntervalMs, { min: 10 }),
      retry: {
        minMs: envInt(env, 'HOUSING_OUTBOX_RETRY_MIN_MS', DEFAULT_OUTBOX_SETTINGS.retry.minMs, { min: 0 }),
        maxMs: envInt(env, 'HOUSING_OUTBOX_RETRY_MAX_MS', DEFAULT_OUTBOX_SETTINGS.retry.maxMs, { min: 0 }),
      },
      leaseMs: envInt(env, 'HOUSING_OUTBOX_LEASE_MS', DEFAULT_OUTBOX_SETTINGS.leaseMs, { min: 1_000 }),
      concurrency: envInt(env, 'HOUSING_OUTBOX_CONCURRENCY', DEFAULT_OUTBOX_SETTINGS.concurrency, { min: 1, max: 32 }),
      worker: envBool(env, 'HOUSING_OUTBOX_WORKER', DEFAULT_OUTBOX_SETTINGS.worker),
    },
  };
}

/** What the process may swap in besides configuration: its transports, a clock, a database. */
export interface HousingSubgraphOptions extends SubgraphOptions {
  /**
   * What "today" is for the readings rules, and the clock the outbox's due times and leases are
   * read on. The real clock by default; the embedded system and tests pass the simulators' clock
   * so both sides judge the same day.
   */
  clock?: Clock;
  /**
   * A database the caller opened for the outbox (shared with another component, or with a second
   * replica in a test); the caller closes it. Otherwise the subgraph opens one from
   * `config.outbox` and closes it on `close()`.
   */
  database?: SqlDatabase;
}

/** The housing subgraph, with a way to wait for its outbox before taking traffic. */
export interface HousingSubgraphDefinition extends SubgraphDefinition<HousingContext> {
  /**
   * Resolves once the outbox's database is open and migrated and the portal session has been
   * tried; rejects when the first attempt to open the database failed (it is retried in the
   * background). A subgraph is created synchronously, so a caller that can wait (the embedded
   * system, tests) should, before the first submission.
   */
  ready(): Promise<void>;
}

/** The housing subgraph: homes, meters, bills and readings over the housing portal. */
export function createHousingSubgraph(config: HousingConfig, logger: Logger, options: HousingSubgraphOptions = {}): HousingSubgraphDefinition {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const client = new HousingClient({ transport: transports.create('housing', config.housingUrl), serviceToken: config.housingServiceToken });
  const housing: HousingPort = client;
  const registry = new RegistryClient({ transport: transports.create('registry', config.registryUrl), serviceToken: config.registryServiceToken });
  const clock = options.clock ?? systemClock;
  const settings: OutboxSettings = {
    ...DEFAULT_OUTBOX_SETTINGS,
    ...config.outbox,
    retry: { ...DEFAULT_OUTBOX_SETTINGS.retry, ...config.outbox?.retry },
  };
  const readings = new MeterReadings({ housing, settings, clock, logger: logger.child({ component: 'outbox' }), database: options.database });
  // Opening starts now; a request before it is open fails fast, and `ready()` lets a caller wait.
  const opened = readings.start();
  return {
    name: 'housing',
    typeDefs: loadContract('housing'),
    resolvers: housingResolvers,
    extendContext: (base) => ({
      ...base,
      now: clock.now(),
      readings,
      loaders: createHousingLoaders(housing, registry, readings),
    }),
    ready: async () => {
      // The portal session is opened before traffic so no resident's request pays for the sign-in;
      // if the portal is down now, the first call signs in instead.
      await Promise.all([opened, client.openSession().catch(() => undefined)]);
    },
    registerMetrics: (registry) => readings.registerMetrics(registry),
    // The server has stopped taking requests when this runs; the outbox finishes what is in flight
    // before the transports it delivers over are closed (here, or by the process after this).
    close: async () => {
      await readings.close();
      await closeOwn();
    },
  };
}
