import { RegistryClient } from '../../adapters/registry';
import { LegacyTransport } from '../../adapters/transport';
import type { Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { loadContract, subgraphConfigFromEnv, type SubgraphConfig, type SubgraphDefinition } from '../kit';
import type { ResidentsContext } from './context';
import { createResidentsLoaders } from './loaders';
import { residentsResolvers } from './resolvers';

export type ResidentsConfig = SubgraphConfig;

/** Standalone: `PORT` (default 4101) and the variables every subgraph reads. */
export function residentsConfigFromEnv(env: Env): ResidentsConfig {
  return subgraphConfigFromEnv(env, 4101);
}

/** The residents subgraph over the resident registry. */
export function createResidentsSubgraph(config: ResidentsConfig, logger: Logger): SubgraphDefinition<ResidentsContext> {
  const transport = new LegacyTransport({ system: 'registry', baseUrl: config.registryUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const registry = new RegistryClient({ transport, serviceToken: config.registryServiceToken });
  return {
    name: 'residents',
    typeDefs: loadContract('residents'),
    resolvers: residentsResolvers,
    extendContext: (base) => ({ ...base, loaders: createResidentsLoaders(registry, base) }),
    close: () => transport.close(),
  };
}
