import { HousingClient, type HousingPort } from '../../adapters/housing';
import { RegistryClient } from '../../adapters/registry';
import { LegacyTransport } from '../../adapters/transport';
import { envString, envUrl, type Env } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import type { Clock } from '../../platform/time';
import { loadContract, subgraphConfigFromEnv, type SubgraphConfig, type SubgraphDefinition } from '../kit';
import type { HousingContext } from './context';
import { createHousingLoaders } from './loaders';
import { housingResolvers } from './resolvers';
import { InMemorySubmissionStore, type SubmissionStore } from './submission-store';
import { ReadingSubmitter } from './submit-readings';

export type HousingConfig = SubgraphConfig & {
  /** The housing portal (meters API and EPD form API on one origin). */
  housingUrl: string;
  /** The service token the housing system issued to the graph. */
  housingServiceToken: string;
};

/** Standalone: `PORT` (default 4104), `HOUSING_URL`, `HOUSING_SERVICE_TOKEN` and the variables every subgraph reads. */
export function housingConfigFromEnv(env: Env): HousingConfig {
  return {
    ...subgraphConfigFromEnv(env, 4104),
    housingUrl: envUrl(env, 'HOUSING_URL', 'http://127.0.0.1:8104'),
    housingServiceToken: envString(env, 'HOUSING_SERVICE_TOKEN', 'dev-service-token'),
  };
}

/** What the process may swap in besides configuration. */
export interface HousingSubgraphOptions {
  /**
   * What "today" is for the readings rules. The real clock by default; the embedded system and
   * tests pass the simulators' clock so both sides judge the same day.
   */
  clock?: Clock;
  /** Where submissions are remembered by idempotency key; in process by default (one replica). */
  submissionStore?: SubmissionStore;
}

/** The housing subgraph: homes, meters, bills and readings over the housing portal. */
export function createHousingSubgraph(config: HousingConfig, logger: Logger, options: HousingSubgraphOptions = {}): SubgraphDefinition<HousingContext> {
  const housingTransport = new LegacyTransport({ system: 'housing', baseUrl: config.housingUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const registryTransport = new LegacyTransport({ system: 'registry', baseUrl: config.registryUrl, timeoutMs: config.legacyTimeoutMs, logger });
  const housing: HousingPort = new HousingClient({ transport: housingTransport, serviceToken: config.housingServiceToken });
  const registry = new RegistryClient({ transport: registryTransport, serviceToken: config.registryServiceToken });
  const submitter = new ReadingSubmitter(housing, options.submissionStore ?? new InMemorySubmissionStore(), logger);
  const clock = options.clock ?? { now: () => new Date() };
  return {
    name: 'housing',
    typeDefs: loadContract('housing'),
    resolvers: housingResolvers,
    extendContext: (base) => ({
      ...base,
      now: clock.now(),
      submitter,
      loaders: createHousingLoaders(housing, registry, { requestId: base.requestId, deadline: base.deadline }),
    }),
    close: async () => {
      await housingTransport.close();
      await registryTransport.close();
    },
  };
}
