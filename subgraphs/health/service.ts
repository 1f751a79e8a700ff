import { randomUUID } from 'node:crypto';
import { EmiasClient } from '../../adapters/emias';
import { RegistryClient } from '../../adapters/registry';
import { developmentDefault, developmentSecret, type Env, envString, envUrl } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import type { HealthContext } from './context';
import { createHealthLoaders } from './loaders';
import { HEALTH_AUDIT_POLICY } from './medical-data';
import { healthResolvers } from './resolvers';

export type HealthConfig = SubgraphConfig & {
  /** Where EMIAS lives. */
  emiasUrl: string;
  /** The token EMIAS issued to the graph for the medical card (`X-Access-JWT`). */
  emiasServiceToken: string;
};

/**
 * Standalone: `PORT` (default 4102), `EMIAS_URL`, `EMIAS_SERVICE_TOKEN` and the variables every
 * subgraph reads. Production (`NODE_ENV=production`) requires `EMIAS_URL` and a real token.
 */
export function healthConfigFromEnv(env: Env): HealthConfig {
  return {
    ...subgraphConfigFromEnv(env, 4102),
    emiasUrl: envUrl(env, 'EMIAS_URL', developmentDefault('http://127.0.0.1:8102')),
    emiasServiceToken: envString(env, 'EMIAS_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
  };
}

/**
 * The health subgraph over EMIAS: appointments, referrals and the medical card on `Resident`,
 * specialities and free slots for the signed-in resident, booking and cancelling. The registry is
 * asked for the signed-in resident's OMS number and birth date, which root fields need.
 */
export function createHealthSubgraph(config: HealthConfig, logger: Logger, options: SubgraphOptions = {}): SubgraphDefinition<HealthContext> {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const emias = new EmiasClient({ transport: transports.create('emias', config.emiasUrl), serviceToken: config.emiasServiceToken });
  const registry = new RegistryClient({ transport: transports.create('registry', config.registryUrl), serviceToken: config.registryServiceToken });
  return {
    name: 'health',
    typeDefs: loadContract('health'),
    resolvers: healthResolvers,
    extendContext: (base) => ({ ...base, emias, loaders: createHealthLoaders(emias, registry) }),
    // Medical data: every read is recorded, the patient's own and their representatives' too (medical-data.ts).
    audit: HEALTH_AUDIT_POLICY,
    // Signed in to EMIAS's appointment API before the first request, which then neither waits for
    // the sign-in nor pays its two calls. Best effort: unreachable now, the first call signs in.
    // No request is being served, so the sign-in gets a scope of its own: an id and one deadline for both calls.
    ready: () => runInRequestScope({ requestId: randomUUID(), deadline: Date.now() + config.legacyTimeoutMs, work: 'service' }, () => emias.prime()),
    close: closeOwn,
  };
}
