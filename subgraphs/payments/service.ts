import { join } from 'node:path';
import { ACQUIRER_SYSTEM, AcquirerClient } from '../../adapters/acquirer';
import { EpdPaymentClient, HousingClient } from '../../adapters/housing';
import { AMPP_SYSTEM, AmppTopUpClient, FINES_SYSTEM, FinesClient } from '../../adapters/parking';
import { PAYMENTS_REGISTER_SYSTEM, PaymentsRegisterClient } from '../../adapters/payments-register';
import { RegistryClient } from '../../adapters/registry';
import { developmentDefault, developmentSecret, type Env, envBool, envInt, envOptional, envString, envUrl, repoRoot } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import type { SqlDatabase } from '../../platform/storage';
import { type Clock, systemClock } from '../../platform/time';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import { ACQUIRER_CALLBACK_PATH, acquirerCallbackHandler } from './acquirer-callback';
import { paymentsAuditPolicy } from './audit-policy';
import type { PaymentsContext } from './context';
import { createPaymentsLoaders } from './loaders';
import { PayableTargets } from './payable-targets';
import { DEFAULT_FLOW_SETTINGS } from './payment-flow';
import { Payments, type PaymentsSettings } from './payments';
import { paymentsResolvers } from './resolvers';

/** The payments subgraph's configuration: every subgraph's, the bank, and the systems that own what is paid. */
export type PaymentsConfig = SubgraphConfig & {
  /** The bank's payment gateway (REST under `/payment/rest/`). */
  acquirerUrl: string;
  /** The merchant's API password at the bank; also the secret its callbacks are signed with. */
  acquirerServiceToken: string;
  /** The merchant's API user at the bank. Default `city-treasury-api`. */
  acquirerUserName?: string;
  /** The housing portal: the bills' amounts due, and where a paid EPD is confirmed. */
  housingUrl: string;
  housingServiceToken: string;
  /** AMPP: top-up limits, and where a top-up is credited. */
  parkingUrl: string;
  /** The fines service: a fine's amount and discount. */
  finesUrl: string;
  /** The federal payments register, where a paid fine is acknowledged. */
  paymentsRegisterUrl: string;
  /** The token AMPP, the fines service and the register issued to the graph. */
  parkingServiceToken: string;
  /** How payments are kept and paced; anything left out takes the default. */
  payments?: Partial<Omit<PaymentsSettings, 'retry'>> & { retry?: Partial<PaymentsSettings['retry']> };
};

/** The embedded database's directory when `PAYMENTS_DB_DIR` is not set; `memory` keeps it in memory. */
export const DEFAULT_PAYMENTS_DIR = join('.dev', 'payments');

export const DEFAULT_PAYMENTS_SETTINGS: PaymentsSettings = {
  ...DEFAULT_FLOW_SETTINGS,
  pollIntervalMs: 1_000,
  leaseMs: 60_000,
  retry: { minMs: 5_000, maxMs: 5 * 60_000 },
  worker: true,
};

/**
 * Standalone: `PORT` (default 4106), `ACQUIRER_URL` (8106), `ACQUIRER_USER`, `ACQUIRER_SERVICE_TOKEN`,
 * `HOUSING_URL` (8104), `HOUSING_SERVICE_TOKEN`, `PARKING_URL` (8105), `FINES_URL` and
 * `PAYMENTS_REGISTER_URL` (default PARKING_URL), `PARKING_SERVICE_TOKEN`, the variables every
 * subgraph reads, and the payments': `DATABASE_URL` (PostgreSQL; the embedded database when unset),
 * `PAYMENTS_DB_DIR` (default `.dev/payments`, `memory` for none), `PAYMENTS_RETURN_URL`,
 * `PAYMENTS_SESSION_TIMEOUT_SECS` (1200), `PAYMENTS_BANK_GRACE_SECS` (300),
 * `PAYMENTS_RECONCILE_AFTER_MS` (60000), `PAYMENTS_POLL_MS` (1000), `PAYMENTS_LEASE_MS` (60000),
 * `PAYMENTS_RETRY_MIN_MS` (5000), `PAYMENTS_RETRY_MAX_MS` (300000), `PAYMENTS_WORKER` (true).
 * Production requires the URLs and real tokens.
 */
export function paymentsConfigFromEnv(env: Env): PaymentsConfig {
  // What every subgraph needs first, so its refusals come first.
  const common = subgraphConfigFromEnv(env, 4106);
  const parkingUrl = envUrl(env, 'PARKING_URL', developmentDefault('http://127.0.0.1:8105'));
  const finesUrl = envUrl(env, 'FINES_URL', parkingUrl);
  const dir = envString(env, 'PAYMENTS_DB_DIR', join(repoRoot(), DEFAULT_PAYMENTS_DIR));
  const d = DEFAULT_PAYMENTS_SETTINGS;
  return {
    ...common,
    acquirerUrl: envUrl(env, 'ACQUIRER_URL', developmentDefault('http://127.0.0.1:8106')),
    acquirerServiceToken: envString(env, 'ACQUIRER_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
    acquirerUserName: envString(env, 'ACQUIRER_USER', 'city-treasury-api'),
    housingUrl: envUrl(env, 'HOUSING_URL', developmentDefault('http://127.0.0.1:8104')),
    housingServiceToken: envString(env, 'HOUSING_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
    parkingUrl,
    finesUrl,
    paymentsRegisterUrl: envUrl(env, 'PAYMENTS_REGISTER_URL', finesUrl),
    parkingServiceToken: envString(env, 'PARKING_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
    payments: {
      databaseUrl: envOptional(env, 'DATABASE_URL'),
      dataDir: dir === 'memory' ? undefined : dir,
      returnUrl: envUrl(env, 'PAYMENTS_RETURN_URL', d.returnUrl),
      sessionTimeoutSeconds: envInt(env, 'PAYMENTS_SESSION_TIMEOUT_SECS', d.sessionTimeoutSeconds, { min: 60, max: 86_400 }),
      bankGraceSeconds: envInt(env, 'PAYMENTS_BANK_GRACE_SECS', d.bankGraceSeconds, { min: 0, max: 3_600 }),
      reconcileAfterMs: envInt(env, 'PAYMENTS_RECONCILE_AFTER_MS', d.reconcileAfterMs, { min: 0 }),
      pollIntervalMs: envInt(env, 'PAYMENTS_POLL_MS', d.pollIntervalMs, { min: 10 }),
      leaseMs: envInt(env, 'PAYMENTS_LEASE_MS', d.leaseMs, { min: 1_000 }),
      retry: { minMs: envInt(env, 'PAYMENTS_RETRY_MIN_MS', d.retry.minMs, { min: 0 }), maxMs: envInt(env, 'PAYMENTS_RETRY_MAX_MS', d.retry.maxMs, { min: 0 }) },
      worker: envBool(env, 'PAYMENTS_WORKER', d.worker),
    },
  };
}

export interface PaymentsSubgraphOptions extends SubgraphOptions {
  /** The clock of due times, payers' deadlines and fine discounts; the simulators' in the embedded system and tests. */
  clock?: Clock;
  /** A database the caller opened and closes (shared, or a restarted process's in a test). */
  database?: SqlDatabase;
}

/**
 * The payments subgraph: card payments of bills, fines and parking top-ups through the bank, each
 * confirmed to the system that owns it exactly once. Staff read payments with `payments:read`.
 */
export function createPaymentsSubgraph(config: PaymentsConfig, logger: Logger, options: PaymentsSubgraphOptions = {}): SubgraphDefinition<PaymentsContext> {
  const clock = options.clock ?? systemClock;
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const acquirer = new AcquirerClient({
    transport: transports.create(ACQUIRER_SYSTEM, config.acquirerUrl),
    credentials: { userName: config.acquirerUserName ?? 'city-treasury-api', password: config.acquirerServiceToken },
  });
  const housingTransport = transports.create('housing', config.housingUrl);
  const parkingTransport = transports.create(AMPP_SYSTEM, config.parkingUrl);
  const targets = new PayableTargets({
    registry: new RegistryClient({ transport: transports.create('registry', config.registryUrl), serviceToken: config.registryServiceToken }),
    housing: new HousingClient({ transport: housingTransport, serviceToken: config.housingServiceToken }),
    fines: new FinesClient({ transport: transports.create(FINES_SYSTEM, config.finesUrl), serviceToken: config.parkingServiceToken }),
    topUps: new AmppTopUpClient({ transport: parkingTransport, serviceToken: config.parkingServiceToken }),
  });
  const payments = new Payments({
    acquirer,
    owners: {
      register: new PaymentsRegisterClient({ transport: transports.create(PAYMENTS_REGISTER_SYSTEM, config.paymentsRegisterUrl), serviceToken: config.parkingServiceToken }),
      epd: new EpdPaymentClient({ transport: housingTransport, serviceToken: config.housingServiceToken }),
      topUps: new AmppTopUpClient({ transport: parkingTransport, serviceToken: config.parkingServiceToken }),
    },
    settings: { ...DEFAULT_PAYMENTS_SETTINGS, ...config.payments, retry: { ...DEFAULT_PAYMENTS_SETTINGS.retry, ...config.payments?.retry } },
    clock,
    logger: logger.child({ component: 'payments' }),
    ...(options.database ? { database: options.database } : {}),
  });
  return {
    name: 'payments',
    typeDefs: loadContract('payments'),
    resolvers: paymentsResolvers,
    extendContext: (base) => ({ ...base, clock, payments, targets, loaders: createPaymentsLoaders(payments) }),
    audit: paymentsAuditPolicy,
    routes: { [ACQUIRER_CALLBACK_PATH]: acquirerCallbackHandler(payments, config.acquirerServiceToken, logger.child({ component: 'acquirer-callback' })) },
    ready: () => payments.start(),
    registerMetrics: (registry) => payments.registerMetrics(registry),
    close: async () => {
      await payments.close();
      await closeOwn();
    },
  };
}
