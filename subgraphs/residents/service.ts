import { RegistryClient } from '../../adapters/registry';
import { SCOPES } from '../../platform/auth';
import type { Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import type { ResidentsContext } from './context';
import { createResidentsLoaders } from './loaders';
import { residentsResolvers } from './resolvers';

export type ResidentsConfig = SubgraphConfig;

/** Standalone: `PORT` (default 4101) and the variables every subgraph reads. */
export function residentsConfigFromEnv(env: Env): ResidentsConfig {
  return subgraphConfigFromEnv(env, 4101);
}

/** The residents subgraph over the resident registry. */
export function createResidentsSubgraph(config: ResidentsConfig, logger: Logger, options: SubgraphOptions = {}): SubgraphDefinition<ResidentsContext> {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const registry = new RegistryClient({ transport: transports.create('registry', config.registryUrl), serviceToken: config.registryServiceToken });
  return {
    name: 'residents',
    typeDefs: loadContract('residents'),
    resolvers: residentsResolvers,
    extendContext: (base) => ({ ...base, loaders: createResidentsLoaders(registry) }),
    // Every staff read enters through the registry, which hands each department its keys; the
    // fields themselves check the scopes (resolvers.ts).
    staffReadScopes: SCOPES.filter((scope) => scope !== 'audit:read'),
    close: closeOwn,
  };
}
