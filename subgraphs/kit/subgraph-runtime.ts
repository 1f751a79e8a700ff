import type { Tracer } from '@opentelemetry/api';
import { RegistryClient } from '../../adapters/registry';
import { LegacyMetrics } from '../../adapters/transport';
import { type AuditTrail, openAuditTrail } from '../../platform/audit';
import { InternalCredentialVerifier, KeySeal } from '../../platform/auth';
import { type CacheStore, createCacheStore } from '../../platform/cache';
import type { Logger } from '../../platform/logging';
import { type Clock, systemClock } from '../../platform/time';
import { GuardianshipCache, type GuardianshipPort, type Ward } from './access-policy';
import { LegacyTransports } from './legacy-transports';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphRuntime } from './subgraph-service';

/** Who represents whom, asked of the registry. */
class RegistryGuardianship implements GuardianshipPort {
  constructor(private readonly registry: RegistryClient) {}

  async wardsOf(personId: string): Promise<Ward[]> {
    return (await this.registry.getChildren(personId)).map((child) => ({ id: child.id, birthDate: child.birthDate }));
  }
}

/** What a process may hand the runtime instead of opening it from configuration. */
export interface SubgraphRuntimeOptions {
  /** One audit trail for several subgraphs (tests inject a failing one); by default the configured store. */
  audit?: AuditTrail;
  /**
   * One stale-if-error store for several subgraphs in one process (the embedded graph keeps one
   * within one budget); by default the configured one (Redis at REDIS_URL, else the process's own).
   * The caller closes it.
   */
  cache?: CacheStore;
  /** The service name on this process's metrics (`subgraph:health`). */
  service?: string;
  /**
   * What "today" is for the age of majority in the access policy: real time by default; the
   * embedded system and tests pass the simulators' clock, so the graph and the registry agree.
   */
  clock?: Clock;
  /** The process's tracer when tracing is on (startTracing); absent, nothing is traced. */
  tracer?: Tracer;
}

/**
 * The runtime of one subgraph process: credential verifier, key seal, guardianship over its own
 * registry pool and a clock to judge it by, and the audit trail (PostgreSQL at DATABASE_URL, else the process's embedded store,
 * opened on its first write).
 */
export async function createSubgraphRuntime(config: SubgraphConfig, logger: Logger, options: SubgraphRuntimeOptions = {}): Promise<SubgraphRuntime & { close(): Promise<void> }> {
  const cache = options.cache ?? createCacheStore({ redisUrl: config.redisUrl, onError: (error) => logger.warn({ err: { message: error.message } }, 'stale-if-error cache unavailable') });
  // The transports report to the metrics, and the metrics read the transports' breakers back.
  let made: LegacyTransports | undefined;
  const metrics = new LegacyMetrics({ service: options.service ?? 'subgraph', health: () => made?.all().map((t) => t.health()) ?? [] });
  const transports = new LegacyTransports({
    timeoutMs: config.legacyTimeoutMs,
    ...(config.legacyConnections ? { connections: config.legacyConnections } : {}),
    logger,
    cache,
    onEvent: metrics.onEvent,
    freshReads: config.legacyFreshReads ?? true,
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
  made = transports;
  const transport = transports.create('registry', config.registryUrl);
  const registry = new RegistryClient({ transport, serviceToken: config.registryServiceToken });
  const audit = options.audit ?? openAuditTrail({ url: config.databaseUrl, dataDir: config.auditDataDir });
  return {
    logger,
    verifier: await InternalCredentialVerifier.create(config.internalPublicJwk),
    guardianship: new GuardianshipCache(new RegistryGuardianship(registry)),
    clock: options.clock ?? systemClock,
    keySeal: KeySeal.fromSecret(config.keySealSecret),
    requestBudgetMs: config.requestBudgetMs,
    audit,
    transports,
    metrics,
    ...(config.admission ? { admission: config.admission } : {}),
    ...(options.tracer ? { tracer: options.tracer } : {}),
    close: async () => {
      await transports.close();
      if (!options.cache) await cache.close();
      // An injected trail belongs to whoever made it.
      if (!options.audit) await audit.close();
    },
  };
}
