import { RegistryClient } from '../../adapters/registry';
import { LegacyTransport } from '../../adapters/transport';
import { InternalCredentialVerifier } from '../../platform/auth';
import type { Logger } from '../../platform/logging';
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

/** The runtime of one subgraph process: credential verifier and guardianship over its own registry pool. */
export async function createSubgraphRuntime(config: SubgraphConfig, logger: Logger): Promise<SubgraphRuntime & { close(): Promise<void> }> {
  const transport = new LegacyTransport({ system: 'registry', baseUrl: config.registryUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const registry = new RegistryClient({ transport, serviceToken: config.registryServiceToken });
  return {
    logger,
    verifier: await InternalCredentialVerifier.create(config.internalPublicJwk),
    guardianship: new GuardianshipCache(new RegistryGuardianship(registry)),
    requestBudgetMs: config.requestBudgetMs,
    close: () => transport.close(),
  };
}
