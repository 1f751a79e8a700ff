import { EmiasClient } from '../../adapters/emias';
import { RegistryClient } from '../../adapters/registry';
import { LegacyTransport } from '../../adapters/transport';
import { envString, envUrl, type Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { loadContract, subgraphConfigFromEnv, type SubgraphConfig, type SubgraphDefinition } from '../kit';
import type { HealthContext } from './context';
import { createHealthLoaders } from './loaders';
import { healthResolvers } from './resolvers';

export type HealthConfig = SubgraphConfig & {
  /** Where EMIAS lives. */
  emiasUrl: string;
  /** The token EMIAS issued to the graph (`X-Access-JWT`). */
  emiasServiceToken: string;
};

/** Standalone: `PORT` (default 4102), `EMIAS_URL`, `EMIAS_SERVICE_TOKEN` and the variables every subgraph reads. */
export function healthConfigFromEnv(env: Env): HealthConfig {
  return {
    ...subgraphConfigFromEnv(env, 4102),
    emiasUrl: envUrl(env, 'EMIAS_URL', 'http://127.0.0.1:8102'),
    emiasServiceToken: envString(env, 'EMIAS_SERVICE_TOKEN', 'dev-service-token'),
  };
}

/**
 * The health subgraph over EMIAS: appointments, referrals and the medical card on `Resident`,
 * specialities and free slots for the signed-in resident, booking and cancelling. The registry is
 * asked for the signed-in resident's OMS number and birth date, which root fields need.
 */
export function createHealthSubgraph(config: HealthConfig, logger: Logger): SubgraphDefinition<HealthContext> {
  const emiasTransport = new LegacyTransport({ system: 'emias', baseUrl: config.emiasUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const registryTransport = new LegacyTransport({ system: 'registry', baseUrl: config.registryUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const emias = new EmiasClient({ transport: emiasTransport, serviceToken: config.emiasServiceToken });
  const registry = new RegistryClient({ transport: registryTransport, serviceToken: config.registryServiceToken });
  return {
    name: 'health',
    typeDefs: loadContract('health'),
    resolvers: healthResolvers,
    extendContext: (base) => ({ ...base, emias, loaders: createHealthLoaders(emias, registry, base) }),
    close: async () => {
      await emiasTransport.close();
      await registryTransport.close();
    },
  };
}
