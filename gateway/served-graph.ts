import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../platform/logging';
import type { ContractCallers } from './contracts/contract-callers';
import { OutsideVariantMarks } from './contracts/outside-variant';
import { gatewayErrorFormatter } from './errors';
import type { GatewayContext } from './gateway-context';
import { type QueryLimits, queryProtection } from './limits';
import { type SandboxOptions, useSandbox } from './plugins';
import { type PublicSurface, ReloadableSupergraph, type ReloadableSupergraphOptions, type ReloadResult, type ReloadTrigger } from './supergraph';

/** One graph the gateway serves: the whole supergraph, or a contract variant of it. */
export interface ServedGraphSpec {
  /** `supergraph` for the whole graph, else the contract variant's name (logs, metrics, `/readyz`). */
  graph: string;
  /** Set for a contract variant: refusals of what it leaves out name it, and whom `/graphql` serves it to. */
  contract?: { name: string; callers?: ContractCallers };
  sdl: string;
  file?: string;
  /** What Sandbox opens with at this graph's URL (development). */
  sandbox: (initial: ReloadableSupergraph) => SandboxOptions;
}

/** What every served graph shares: our plugins, transport and limits apply to all alike. */
export interface ServedGraphShared {
  production: boolean;
  limits: QueryLimits;
  logger: Logger;
  /** Plugins that run first in every graph (request log, metrics, request id, trusted documents). */
  head: ApolloServerPlugin<GatewayContext>[];
  /** Plugins that run after the graph's own limits. */
  tail: ApolloServerPlugin<GatewayContext>[];
  /** The data source for one subgraph; `urlFor` gives where this graph's supergraph says it lives. */
  buildService: (subgraph: { name: string; url: string }) => GraphQLDataSource;
  /** The names a client must not learn, from the whole supergraph (a variant leaves out more, but hides no more). */
  surface: () => PublicSurface | undefined;
  reload: Pick<ReloadableSupergraphOptions, 'urls' | 'watch' | 'debounceMs' | 'healthCheck' | 'onReload' | 'onServed'>;
  /** Smaller query-plan caches for variants, which share the gateway's heap with the whole graph. */
  variantPlanStoreMiB: number;
}

export interface ServedGraph {
  readonly graph: string;
  readonly contract: ServedGraphSpec['contract'];
  readonly server: ApolloServer<GatewayContext>;
  readonly supergraph: ReloadableSupergraph;
  reload(trigger: ReloadTrigger): Promise<ReloadResult>;
  stop(): Promise<void>;
}

/**
 * Starts one Apollo Server over one `ApolloGateway` whose supergraph can be reloaded, with our
 * limits read from that supergraph, our error policy, and, for a contract variant, its refusals
 * worded as `OUTSIDE_CONTRACT_VARIANT`. Planning runs against the variant's supergraph, which
 * names every subgraph, so a variant's answers are the whole graph's for what it shows.
 */
export async function startServedGraph(spec: ServedGraphSpec, shared: ServedGraphShared): Promise<ServedGraph> {
  const logger = shared.logger.child({ graph: spec.graph });
  const supergraph = new ReloadableSupergraph({ graph: spec.graph, sdl: spec.sdl, ...(spec.file ? { file: spec.file } : {}), logger, ...shared.reload });
  const marks = spec.contract ? new OutsideVariantMarks() : undefined;
  const protection = queryProtection(shared.limits, { production: shared.production, supergraph: supergraph.facts });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name, url }) => shared.buildService({ name, url: supergraph.urlFor(name, url ?? '') }),
    // Checked whole before it is handed over (prepareSupergraph); checking again here would only
    // cost the time of a second validation on every load.
    validateSupergraph: false,
    ...(spec.contract ? { experimental_approximateQueryPlanStoreMiB: shared.variantPlanStoreMiB } : {}),
    logger,
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    marks?.reset();
    supergraph.servedBy(coreSupergraphSdl);
  });
  const contractName = spec.contract?.name;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: gatewayErrorFormatter(
      shared.surface,
      marks && contractName ? (error) => (marks.refuses(error) ? { code: 'OUTSIDE_CONTRACT_VARIANT', extensions: { contract: contractName } } : undefined) : undefined,
    ),
    includeStacktraceInErrorResponses: false,
    introspection: !shared.production,
    hideSchemaDetailsFromClientErrors: shared.production,
    // Stated although they are Apollo's defaults: a form post or a GET without a preflight header
    // is refused (CSRF), and an array of operations is one request, not many (batching attacks).
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The gateway's owner stops it (gateway/main.ts drains on SIGTERM); Apollo's own handler
    // would stop each served graph at once, and, one per graph, exceed Node's listener warning.
    stopOnTerminationSignals: false,
    validationRules: [...protection.validationRules, ...(marks ? [marks.rule] : [])],
    parseOptions: protection.parseOptions,
    logger,
    plugins: [
      ...shared.head,
      ...protection.plugins,
      ...shared.tail,
      useSandbox({ production: shared.production, ...spec.sandbox(supergraph) }),
      // The subgraphs give no cache hints, so the default cache-control plugin would only compute
      // an empty policy on every request.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await server.start();
  return {
    graph: spec.graph,
    contract: spec.contract,
    server,
    supergraph,
    reload: (trigger) => supergraph.reload(trigger),
    stop: () => server.stop(),
  };
}
