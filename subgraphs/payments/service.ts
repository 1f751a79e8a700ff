import { TREASURY_SYSTEM, TreasuryClient } from '../../adapters/treasury';
import { developmentDefault, developmentSecret, envString, envUrl, type Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, subgraphConfigFromEnv, transportsFor, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions } from '../kit';
import { paymentsAuditPolicy } from './audit-policy';
import type { PaymentsContext } from './context';
import { createPaymentsLoaders } from './loaders';
import { paymentsResolvers } from './resolvers';

/** The payments subgraph's configuration: every subgraph's, plus where the treasury system is and its token. */
export type PaymentsConfig = SubgraphConfig & {
  /** The origin of the treasury system; the adapter adds the API paths. */
  treasuryUrl: string;
  /** The token the treasury system issued to the graph. */
  treasuryServiceToken: string;
};

/**
 * Standalone: `PORT` (default 4106), `TREASURY_URL`, `TREASURY_SERVICE_TOKEN` and the
 * variables every subgraph reads. Production (`NODE_ENV=production`) requires `TREASURY_URL` and a
 * real token; development points at the simulator (`legacy/treasury`, port 8107).
 */
export function paymentsConfigFromEnv(env: Env): PaymentsConfig {
  return {
    ...subgraphConfigFromEnv(env, 4106),
    treasuryUrl: envUrl(env, 'TREASURY_URL', developmentDefault('http://127.0.0.1:8107')),
    treasuryServiceToken: envString(env, 'TREASURY_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
  };
}

/**
 * The payments subgraph over the treasury system. Staff read it with `payments:read`: the kit opens a subgraph to
 * the read scope named after it (platform/auth/principal.ts lists the graph's scopes).
 */
export function createPaymentsSubgraph(config: PaymentsConfig, logger: Logger, options: SubgraphOptions = {}): SubgraphDefinition<PaymentsContext> {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const client = new TreasuryClient({ transport: transports.create(TREASURY_SYSTEM, config.treasuryUrl), serviceToken: config.treasuryServiceToken });
  return {
    name: 'payments',
    typeDefs: loadContract('payments'),
    resolvers: paymentsResolvers,
    extendContext: (base) => ({ ...base, loaders: createPaymentsLoaders(client) }),
    audit: paymentsAuditPolicy,
    close: closeOwn,
  };
}
