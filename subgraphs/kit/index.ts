export { AccessPolicy, GuardianshipCache, type GuardianshipPort } from './access-policy';
export { loadContract } from './contract';
export { formatSubgraphError, toGraphQLError } from './error-mapping';
export { subgraphConfigFromEnv, type SubgraphConfig } from './subgraph-config';
export type { SubgraphContext } from './subgraph-context';
export { createSubgraphServer, startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphRuntime } from './subgraph-service';
export { money, type Money } from './money';
export { DateScalar, DateTimeScalar, isCalendarDate } from './scalars';
