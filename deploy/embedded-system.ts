import { join } from 'node:path';
import type { Tracer } from '@opentelemetry/api';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type GatewayConfig, type RunningGateway, readContractVariants, startGateway, TrustedDocuments } from '../gateway';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, type SimulatorDeps, startSimulator } from '../legacy/kit';
import { Population } from '../legacy/population';
import { type DevKeys, DevSignOn, loadOrCreateDevKeys } from '../legacy/sign-on';
import { MANIFEST_FILE } from '../operations';
import { type AuditTrail, openAuditTrail, SqlAuditTrail } from '../platform/audit';
import { generateJwkKeyPair, KeySeal } from '../platform/auth';
import { MemoryCacheStore } from '../platform/cache';
import { repoRoot } from '../platform/config';
import type { AdmissionOptions } from '../platform/http';
import { createLogger, type Logger } from '../platform/logging';
import { openDatabase, type SqlDatabase } from '../platform/storage';
import { readCommittedSupergraph, SUBGRAPH_NAMES, SUPERGRAPH_FILE, type SubgraphName } from '../schema';
import { CONTRACTS_DIR } from '../schema/variants';
import { createHealthSubgraph } from '../subgraphs/health';
import { createHousingSubgraph } from '../subgraphs/housing';
import { createSubgraphRuntime, type LegacyTransports, type RunningSubgraph, type SubgraphConfig, type SubgraphContext, type SubgraphDefinition, startSubgraph } from '../subgraphs/kit';
import { createParkingSubgraph } from '../subgraphs/parking';
import { ACQUIRER_CALLBACK_PATH, createPaymentsSubgraph, type PaymentsConfig } from '../subgraphs/payments';
import { createResidentsSubgraph } from '../subgraphs/residents';
import { createSchoolSubgraph } from '../subgraphs/school';

import { configureAcquirerCallback } from './acquirer-callback';
import { LEGACY_SYSTEMS, type LegacySystem, SIMULATORS, type SystemFaults } from './simulators';

export { LEGACY_SYSTEMS, type LegacySystem } from './simulators';

export interface EmbeddedOptions {
  /** The gateway's port; 0 (the default) takes a free one. Everything else always takes a free port. */
  gatewayPort?: number;
  logLevel?: string;
  /** Pins the simulators' clock (tests of date rules); the real time by default. */
  now?: Date;
  /** Runs the clock from this instant at real speed ("as if it were" that day); ignored with `now`. */
  startAt?: Date;
  seed?: string;
  /**
   * Development keys: a file shared with `npm run token` (npm start), or fresh keys in memory when
   * absent (tests).
   */
  keysFile?: string;
  production?: boolean;
  /** Faults in force from the start, per system, e.g. realistic latency for a benchmark. */
  faults?: SystemFaults;
  /** Keys to use instead of a file or fresh ones (a benchmark shares them with other processes). */
  keys?: DevKeys;
  /**
   * Where durable state lives between runs (the audit trail, the meter-reading outbox); absent
   * keeps it in memory, as tests want. `DATABASE_URL`-style PostgreSQL goes in `databaseUrl`.
   */
  dataDir?: string;
  databaseUrl?: string;
  /**
   * Serve read-mostly legacy answers from the per-principal cache for a minute, as production
   * does. Default off: tests count legacy calls and break systems after reading them.
   */
  freshReads?: boolean;
  /** Sockets to each legacy system per subgraph, its concurrency cap (`LEGACY_CONNECTIONS`); default 32. */
  legacyConnections?: number;
  /** Gateway settings besides those the embedded system decides (rate limits, query limits, admission, what Sandbox opens with). */
  gateway?: Partial<Pick<GatewayConfig, 'rateLimit' | 'limits' | 'sandbox' | 'admission'>>;
  /** The bounds of a subgraph's admission limit, by subgraph (tests make one small); the defaults for any not named. */
  subgraphAdmission?: Partial<Record<SubgraphName, AdmissionOptions>>;
  /**
   * Where subgraphs other than our five run (a department's own, started beside `npm start`), by
   * name, for when `npm run compose` adds them to the supergraph. Ours always run here.
   */
  subgraphUrls?: Readonly<Record<string, string>>;
  /**
   * Serve the contract variants of `schema/contracts` too, at `/contracts/<name>/graphql` and to
   * their callers at `/graphql` (`npm start` does). Default off: most tests need only the graph.
   */
  contracts?: boolean;
  /**
   * Reload the supergraph (and the variants) when their files in `schema/` change, as
   * `npm run compose` rewrites them (`npm start` does). Default off: tests serve what they start with.
   */
  watchSchema?: boolean;
  /** Where logs go; stdout by default. */
  logger?: Logger;
  /**
   * The process's tracer when tracing is on (startTracing): the gateway and every subgraph trace
   * their requests and legacy calls with it. One process has one `service.name`, so the spans tell
   * the services apart by name and parent, not by their resource. Absent, nothing is traced.
   */
  tracer?: Tracer;
  /**
   * Puts something between each client and the service it calls (the benchmark's floor recorder
   * records every exchange this way). Absent: every client calls the service directly.
   */
  interpose?: Interposer;
  /** The payments' pacing (how soon the bank is polled, how often the worker looks, its retries); tests shorten them. */
  payments?: PaymentsConfig['payments'];
}

/**
 * Given who calls whom at which URL, answers the URL the caller is given instead. Asked once per
 * pair as the system starts.
 */
export interface Interposer {
  /** A subgraph's calls to a legacy system (every subgraph calls the registry too). */
  legacy(subgraph: SubgraphName, system: LegacySystem, url: string): Promise<string>;
  /** The gateway's calls to a subgraph's GraphQL endpoint. */
  subgraph(name: SubgraphName, url: string): Promise<string>;
}

/** The legacy simulators and the subgraphs, without a gateway (a benchmark runs its gateways apart). */
export interface EmbeddedBackend {
  simulators: Record<LegacySystem, RunningSimulator>;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  population: Population;
  clock: AdjustableClock;
  keys: DevKeys;
  signOn: DevSignOn;
  /** The audit trail every subgraph of the system writes to (tests read it back). */
  audit: AuditTrail;
  /** A development token for a resident, as the city's sign-on would issue. */
  tokenFor(personId: string | number): Promise<string>;
  /**
   * Stops a subgraph as its process would stop, and starts a new one on the same port and the same
   * database: what a restart, or a crash and its replacement, leaves (tests of what survives one).
   */
  restartSubgraph(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

/** The whole graph on one machine: what `npm start`, the end-to-end tests and the benchmark run. */
export interface EmbeddedSystem extends EmbeddedBackend {
  gateway: RunningGateway;
}

/** Starts the simulators, the five subgraphs and the gateway, each on its own HTTP port. */
export async function startEmbeddedSystem(options: EmbeddedOptions = {}): Promise<EmbeddedSystem> {
  const backend = await startEmbeddedBackend(options);
  try {
    const logger = options.logger ?? createLogger({ service: 'gateway', level: options.logLevel ?? 'info' });
    const schemaDir = join(repoRoot(), 'schema');
    const gateway = await startGateway(
      {
        port: options.gatewayPort ?? 0,
        host: '127.0.0.1',
        production: options.production ?? false,
        logLevel: options.logLevel ?? 'info',
        supergraphSdl: readCommittedSupergraph(schemaDir),
        ...(options.watchSchema ? { supergraphFile: join(schemaDir, SUPERGRAPH_FILE) } : {}),
        // The supergraph names placeholders; the gateway is told where each subgraph runs.
        subgraphUrls: { ...options.subgraphUrls, ...(await interposedSubgraphUrls(backend, options.interpose)) },
        ...(options.contracts
          ? { contracts: readContractVariants(join(schemaDir, CONTRACTS_DIR)).map(({ supergraphFile, ...variant }) => ({ ...variant, ...(options.watchSchema ? { supergraphFile } : {}) })) }
          : {}),
        auth: { jwks: { keys: backend.signOn.jwks() }, issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE },
        internalPrivateJwk: backend.keys.internal.privateJwk,
        subgraphTimeoutMs: 10_000,
        subgraphConnections: 64,
        // Production runs only the published operations, as a production gateway does.
        ...(options.production ? { trustedDocuments: TrustedDocuments.fromFile(join(repoRoot(), 'operations', MANIFEST_FILE)) } : {}),
        ...options.gateway,
      },
      { logger: logger.child({ service: 'gateway' }), devSignOnJwks: backend.signOn.jwks(), ...(options.tracer ? { tracer: options.tracer } : {}) },
    );
    return {
      ...backend,
      gateway,
      close: async () => {
        await gateway.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}

async function interposedSubgraphUrls(backend: Pick<EmbeddedBackend, 'subgraphs'>, interpose: Interposer | undefined): Promise<Record<SubgraphName, string>> {
  const urls = subgraphUrlsOf(backend);
  if (!interpose) return urls;
  for (const name of SUBGRAPH_NAMES) urls[name] = await interpose.subgraph(name, urls[name]);
  return urls;
}

/** The GraphQL endpoint of each subgraph, as the gateway's configuration wants them. */
export function subgraphUrlsOf(backend: Pick<EmbeddedBackend, 'subgraphs'>): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${backend.subgraphs[name].url}/graphql`])) as Record<SubgraphName, string>;
}

/**
 * The stale-if-error answers all subgraphs of the embedded graph keep, together: one store, as
 * replicas share one Redis, within a budget that fits the whole graph in a few hundred MB (five
 * stores of the standalone default would be allowed ~320 MB). ~16 MB.
 */
const EMBEDDED_CACHE = { maxEntries: 10_000, maxChars: 8 * 1024 * 1024 };

/** Starts the simulators and the five subgraphs, each on its own HTTP port. */
export async function startEmbeddedBackend(options: EmbeddedOptions = {}): Promise<EmbeddedBackend> {
  const logger = options.logger ?? createLogger({ service: 'embedded', level: options.logLevel ?? 'info' });
  const keys: DevKeys =
    options.keys ??
    (options.keysFile
      ? await loadOrCreateDevKeys(options.keysFile)
      : { signOn: await generateJwkKeyPair('ES256', 'sign-on'), internal: await generateJwkKeyPair('EdDSA', 'internal'), keySeal: KeySeal.generateSecret() });
  const population = new Population(options.seed ? { seed: options.seed } : {});
  const clock = options.startAt && !options.now ? AdjustableClock.runningFrom(options.startAt) : new AdjustableClock(options.now);
  const stack: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const stop of stack.reverse()) await stop().catch(() => undefined);
  };

  try {
    // Without PostgreSQL, one embedded database holds the audit trail and the meter-reading outbox
    // alike, as one PostgreSQL does in production (each component migrates its own tables): each
    // PGlite instance costs the process ~200 MB, and one process needs only one. On disk for
    // `npm start` and the benchmark (`dataDir`), in memory for tests. Opened before anything listens.
    const embedded = options.databaseUrl ? undefined : await openDatabase(options.dataDir ? { dataDir: join(options.dataDir, 'database') } : {});
    // Closing the trail writes what it still holds, then closes the database; the subgraphs close first.
    const audit = embedded ? auditTrailIn(embedded) : openAuditTrail({ url: options.databaseUrl });
    stack.push(() => audit.close());
    const cache = new MemoryCacheStore(EMBEDDED_CACHE);
    stack.push(() => cache.close());

    const simulators = {} as Record<LegacySystem, RunningSimulator>;
    for (const system of LEGACY_SYSTEMS) {
      const deps: SimulatorDeps = { population, clock, serviceToken: DEFAULT_SERVICE_TOKEN };
      simulators[system] = await startSimulator(SIMULATORS[system](deps), { port: 0, clock, faults: options.faults?.[system] ?? [] });
      stack.push(() => simulators[system].close());
    }

    /** Where `subgraph` reaches `system`: the simulator itself, unless something is put between them. */
    const legacyUrl = (subgraph: SubgraphName, system: LegacySystem): Promise<string> =>
      options.interpose ? options.interpose.legacy(subgraph, system, simulators[system].url) : Promise.resolve(simulators[system].url);
    const base: SubgraphConfig = {
      port: 0,
      host: '127.0.0.1',
      logLevel: options.logLevel ?? 'info',
      internalPublicJwk: keys.internal.publicJwk,
      keySealSecret: keys.keySeal,
      registryUrl: simulators.registry.url,
      registryServiceToken: DEFAULT_SERVICE_TOKEN,
      requestBudgetMs: 8_000,
      legacyTimeoutMs: 3_000,
      legacyFreshReads: options.freshReads ?? false,
      ...(options.legacyConnections ? { legacyConnections: options.legacyConnections } : {}),
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    };
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    const stops = {} as Record<SubgraphName, () => Promise<void>>;
    const restarts = {} as Record<SubgraphName, () => Promise<void>>;
    const start = async <TContext extends SubgraphContext>(
      name: SubgraphName,
      create: (logger: Logger, transports: LegacyTransports, config: SubgraphConfig) => SubgraphDefinition<TContext>,
      port = 0,
    ): Promise<void> => {
      const subgraphLogger = logger.child({ service: `subgraph:${name}` });
      const config: SubgraphConfig = { ...base, registryUrl: await legacyUrl(name, 'registry') };
      // A child's representation ends on the 18th birthday by the same day the registry lists minors on.
      const admission = options.subgraphAdmission?.[name];
      const runtime = await createSubgraphRuntime({ ...config, ...(admission ? { admission } : {}) }, subgraphLogger, {
        service: `subgraph:${name}`,
        clock,
        audit,
        cache,
        ...(options.tracer ? { tracer: options.tracer } : {}),
      });
      const running = await startSubgraph(create(subgraphLogger, runtime.transports, config), runtime, { port });
      subgraphs[name] = running;
      // One entry per subgraph on the stack, closing whichever instance runs when the system closes.
      if (!stops[name]) stack.push(() => stops[name]());
      stops[name] = async () => {
        await running.close();
        await runtime.close();
      };
      restarts[name] = () => start(name, create, running.port);
    };
    const restartSubgraph = async (name: SubgraphName): Promise<void> => {
      await stops[name]();
      await restarts[name]();
    };
    await start('residents', (l, transports, config) => createResidentsSubgraph(config, l, { transports }));
    const emiasUrl = await legacyUrl('health', 'emias');
    await start('health', (l, transports, config) => createHealthSubgraph({ ...config, emiasUrl, emiasServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }));
    const meshUrl = await legacyUrl('school', 'mesh');
    await start('school', (l, transports, config) => createSchoolSubgraph({ ...config, meshUrl, meshServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }));
    // The date rules of the graph (readings window, fine discount) are judged by the simulators' clock.
    const housingUrl = await legacyUrl('housing', 'housing');
    await start('housing', (l, transports, config) =>
      createHousingSubgraph(
        {
          ...config,
          housingUrl,
          housingServiceToken: DEFAULT_SERVICE_TOKEN,
          outbox: { ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) },
        },
        l,
        { clock, transports, ...(embedded ? { database: embedded } : {}) },
      ),
    );
    // The fines service lives with AMPP (FINES_URL = PARKING_URL), as in every other layout.
    const parkingUrl = await legacyUrl('parking', 'parking');
    await start('parking', (l, transports, config) =>
      createParkingSubgraph({ ...config, parkingUrl, finesUrl: parkingUrl, parkingServiceToken: DEFAULT_SERVICE_TOKEN }, l, { clock, transports }),
    );
    // Payments go through the bank and are confirmed to housing, the payments register and AMPP, on
    // the simulators' clock (payers' deadlines, fine discounts); their table lives in the one database.
    const acquirerUrl = await legacyUrl('payments', 'acquirer');
    const paymentsHousingUrl = await legacyUrl('payments', 'housing');
    const paymentsParkingUrl = await legacyUrl('payments', 'parking');
    await start('payments', (l, transports, config) =>
      createPaymentsSubgraph(
        {
          ...config,
          acquirerUrl,
          acquirerServiceToken: DEFAULT_SERVICE_TOKEN,
          housingUrl: paymentsHousingUrl,
          housingServiceToken: DEFAULT_SERVICE_TOKEN,
          parkingUrl: paymentsParkingUrl,
          finesUrl: paymentsParkingUrl,
          paymentsRegisterUrl: paymentsParkingUrl,
          parkingServiceToken: DEFAULT_SERVICE_TOKEN,
          payments: { ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), ...options.payments },
        },
        l,
        { clock, transports, ...(embedded ? { database: embedded } : {}) },
      ),
    );
    // The bank notifies the merchant's URL configured at the bank: here, the payments subgraph's callback.
    await configureAcquirerCallback(simulators.acquirer.url, `${subgraphs.payments.url}${ACQUIRER_CALLBACK_PATH}`);

    const signOn = await DevSignOn.create(keys.signOn);
    return { simulators, subgraphs, population, clock, keys, signOn, audit, tokenFor: (personId) => signOn.issue(String(personId)), restartSubgraph, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The audit trail in a database the system owns: migrated on its first use, left open on close. */
function auditTrailIn(db: SqlDatabase): AuditTrail {
  let trail: Promise<SqlAuditTrail> | undefined;
  const opened = (): Promise<SqlAuditTrail> => {
    if (!trail) {
      const opening = SqlAuditTrail.open(db);
      trail = opening;
      // A trail that failed to open is not kept: the next write tries again.
      opening.catch(() => {
        if (trail === opening) trail = undefined;
      });
    }
    return trail;
  };
  return {
    record: async (events) => (await opened()).record(events),
    query: async (query) => (await opened()).query(query),
    // The trail writes what it still holds, then closes the database; unopened, the database closes alone.
    close: async () => {
      const opened = trail ? await trail.catch(() => undefined) : undefined;
      await (opened ? opened.close() : db.close());
    },
  };
}
