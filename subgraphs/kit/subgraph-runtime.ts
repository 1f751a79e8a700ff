import { RegistryClient } from '../../adapters/registry';
import { openAuditTrail, type AuditTrail } from '../../platform/audit';
import { InternalCredentialVerifier } from '../../platform/auth';
import { createCacheStore } from '../../platform/cache';
import { LegacyMetrics } from '../../platform/metrics';
import type { Logger } from '../../platform/logging';
import { LegacyTransports } from './legacy-transports';
import { GuardianshipCache, type GuardianshipPort } from './access-policy';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphRuntime } from './subgraph-service';

/** Who represents whom, asked of the registry. */
class RegistryGuardianship implements GuardianshipPort {
  constructor(private readonly registry: RegistryClient) {}

  async childIdsOf(personId: string, requestId?: string): Promise<string[]> {
    return (await this.registry.getChildren(personId, requestId)).map((child) => child.id);
  }
}

/** What a process may hand the runtime instead of opening it from configuration. */
export interface SubgraphRuntimeOptions {
  /** One audit trail for several subgraphs (tests inject a failing one); by default the configured store. */
  audit?: AuditTrail;
  /** The service name on this process's metrics (`subgraph:health`). */
  service?: string;
}

/**
 * The runtime of one subgraph process: credential verifier, guardianship over its own registry
 * pool, and the audit trail (PostgreSQL at DATABASE_URL, else the process's embedded store,
 * opened on its first write).
 */
export async function createSubgraphRuntime(config: SubgraphConfig, logger: Logger, options: SubgraphRuntimeOptions = {}): Promise<SubgraphRuntime & { close(): Promise<void> }> {
  const cache = createCacheStore({ redisUrl: config.redisUrl, onError: (error) => logger.warn({ err: { message: error.message } }, 'stale-if-error cache unavailable') });
  // The transports report to the metrics, and the metrics read the transports' breakers back.
  let made: LegacyTransports | undefined;
  const metrics = new LegacyMetrics({ service: options.service ?? 'subgraph', health: () => made?.all().map((t) => t.health()) ?? [] });
  const transports = new LegacyTransports({ timeoutMs: config.legacyTimeoutMs, logger, cache, onEvent: metrics.onEvent, freshReads: config.legacyFreshReads ?? true });
  made = transports;
  const transport = transports.create('registry', config.registryUrl);
  const registry = new RegistryClient({ transport, serviceToken: config.registryServiceToken });
  const audit = options.audit ?? openAuditTrail({ url: config.databaseUrl, dataDir: config.auditDataDir });
  return {
    logger,
    verifier: await InternalCredentialVerifier.create(config.internalPublicJwk),
    guardianship: new GuardianshipCache(new RegistryGuardianship(registry)),
    requestBudgetMs: config.requestBudgetMs,
    audit,
    transports,
    metrics,
    close: async () => {
      await transports.close();
      await cache.close();
      // An injected trail belongs to whoever made it.
      if (!options.audit) await audit.close();
    },
  };
}
