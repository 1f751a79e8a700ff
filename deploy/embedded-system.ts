import { join } from 'node:path';
import type { Tracer } from '@opentelemetry/api';
import { CONTRACTS_DIR } from '../schema/variants';
import { readCommittedSupergraph, SUBGRAPH_NAMES, SUPERGRAPH_FILE, type SubgraphName } from '../schema';
import { DEFAULT_AUDIENCE, DEV_ISSUER, readContractVariants, startGateway, TrustedDocuments, type GatewayConfig, type RunningGateway } from '../gateway';
import { MANIFEST_FILE } from '../operations';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator, type SimulatorDeps } from '../legacy/kit';
import { Population } from '../legacy/population';
import { DevSignOn, loadOrCreateDevKeys, type DevKeys } from '../legacy/sign-on';
import { generateJwkKeyPair, KeySeal } from '../platform/auth';
import { openAuditTrail, SqlAuditTrail, type AuditTrail } from '../platform/audit';
import { repoRoot } from '../platform/config';
import type { AdmissionOptions } from '../platform/http';
import { createLogger, type Logger } from '../platform/logging';
import { openDatabase, type SqlDatabase } from '../platform/storage';
import { createHealthSubgraph } from '../subgraphs/health';
import { createHousingSubgraph } from '../subgraphs/housing';
import { createSubgraphRuntime, startSubgraph, type LegacyTransports, type RunningSubgraph, type SubgraphConfig, type SubgraphContext, type SubgraphDefinition } from '../subgraphs/kit';
import { createParkingSubgraph } from '../subgraphs/parking';
import { createResidentsSubgraph } from '../subgraphs/residents';
import { createSchoolSubgraph } from '../subgraphs/school';

import { LEGACY_SYSTEMS, SIMULATORS, type LegacySystem, type SystemFaults } from './simulators';

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
        subgraphUrls: { ...options.subgraphUrls, ...subgraphUrlsOf(backend) },
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

/** The GraphQL endpoint of each subgraph, as the gateway's configuration wants them. */
export function subgraphUrlsOf(backend: Pick<EmbeddedBackend, 'subgraphs'>): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${backend.subgraphs[name].url}/graphql`])) as Record<SubgraphName, string>;
}

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
    // Kept in memory (tests, benchmarks): one embedded database holds the audit trail and the
    // meter-reading outbox alike, as one PostgreSQL does in production (each component migrates
    // its own tables), so a system opens the embedded PostgreSQL once, not once per component.
    const memory = options.dataDir || options.databaseUrl ? undefined : await openDatabase({});
    if (memory) stack.push(() => memory.close());
    const audit = memory ? auditTrailIn(memory) : openAuditTrail({ url: options.databaseUrl, dataDir: options.dataDir ? join(options.dataDir, 'audit') : undefined });
    stack.push(() => audit.close());

    const simulators = {} as Record<LegacySystem, RunningSimulator>;
    for (const system of LEGACY_SYSTEMS) {
      const deps: SimulatorDeps = { population, clock, serviceToken: DEFAULT_SERVICE_TOKEN };
      simulators[system] = await startSimulator(SIMULATORS[system](deps), { port: 0, clock, faults: options.faults?.[system] ?? [] });
      stack.push(() => simulators[system].close());
    }

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
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { auditDataDir: join(options.dataDir, 'audit') } : {}),
    };
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    const start = async <TContext extends SubgraphContext>(
      name: SubgraphName,
      create: (logger: Logger, transports: LegacyTransports) => SubgraphDefinition<TContext>,
    ): Promise<void> => {
      const subgraphLogger = logger.child({ service: `subgraph:${name}` });
      // A child's representation ends on the 18th birthday by the same day the registry lists minors on.
      const admission = options.subgraphAdmission?.[name];
      const runtime = await createSubgraphRuntime({ ...base, ...(admission ? { admission } : {}) }, subgraphLogger, { service: `subgraph:${name}`, clock, audit, ...(options.tracer ? { tracer: options.tracer } : {}) });
      subgraphs[name] = await startSubgraph(create(subgraphLogger, runtime.transports), runtime, { port: 0 });
      stack.push(async () => {
        await subgraphs[name].close();
        await runtime.close();
      });
    };
    await start('residents', (l, transports) => createResidentsSubgraph(base, l, { transports }));
    await start('health', (l, transports) => createHealthSubgraph({ ...base, emiasUrl: simulators.emias.url, emiasServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }));
    await start('school', (l, transports) => createSchoolSubgraph({ ...base, meshUrl: simulators.mesh.url, meshServiceToken: DEFAULT_SERVICE_TOKEN }, l, { transports }));
    // The date rules of the graph (readings window, fine discount) are judged by the simulators' clock.
    await start('housing', (l, transports) =>
      createHousingSubgraph(
        {
          ...base,
          housingUrl: simulators.housing.url,
          housingServiceToken: DEFAULT_SERVICE_TOKEN,
          outbox: { ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), ...(options.dataDir ? { dataDir: join(options.dataDir, 'housing-outbox') } : {}) },
        },
        l,
        { clock, transports, ...(memory ? { database: memory } : {}) },
      ),
    );
    await start('parking', (l, transports) =>
      createParkingSubgraph({ ...base, parkingUrl: simulators.parking.url, finesUrl: simulators.parking.url, parkingServiceToken: DEFAULT_SERVICE_TOKEN }, l, { clock, transports }),
    );

    const signOn = await DevSignOn.create(keys.signOn);
    return { simulators, subgraphs, population, clock, keys, signOn, audit, tokenFor: (personId) => signOn.issue(String(personId)), close };
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
    close: async () => undefined,
  };
}
