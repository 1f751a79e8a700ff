import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Tracer } from '@opentelemetry/api';
import type { JSONWebKeySet } from 'jose';
import { ANONYMOUS, InternalCredentialIssuer, type Principal, principalKey } from '../platform/auth';
import { repoRoot } from '../platform/config';
import { graphqlError } from '../platform/errors';
import { AdmissionControl, graphqlHandler, type HttpService, healthz, type RequestHandler, registerAdmissionMetrics, staleReadsPlugin, startHttpService } from '../platform/http';
import type { Logger } from '../platform/logging';
import { acceptedRequestId, REQUEST_ID_HEADER } from '../platform/request-scope';
import { OperationLabels, useOperationSpanName } from '../platform/telemetry';
import { TokenVerifier } from './auth';
import { variantForCaller } from './contracts/contract-callers';
import { DEFAULT_RATE_LIMITS, GATEWAY_ADMISSION, type GatewayConfig } from './gateway-config';
import type { GatewayContext } from './gateway-context';
import { clientAddress, DEFAULT_QUERY_LIMITS, type RateDecision, RateLimiter } from './limits';
import { operationsValidIn, readOperations, useGatewayMetrics, useOperationResolution, useRequestIdHeader, useRequestLog } from './plugins';
import { type ServedGraph, type ServedGraphShared, startServedGraph } from './served-graph';
import { type ReloadResult, type ReloadTrigger, SubgraphUrls } from './supergraph';
import { createUndiciFetcher, SubgraphDataSource } from './transport';
import { TrustedDocuments, useTrustedDocuments } from './trusted-documents';

export interface GatewayDeps {
  logger: Logger;
  /** Published at `/.well-known/jwks.json` when the embedded development sign-on runs beside the gateway. */
  devSignOnJwks?: JSONWebKeySet;
  /**
   * The process's tracer when tracing is on (startTracing): each request becomes a server span,
   * the child of a client's `traceparent`, and each subgraph fetch sends its span on. Absent, the
   * gateway makes no span of its own.
   */
  tracer?: Tracer;
}

/** Which supergraph a served graph serves, by its SHA-256, and since when. */
export interface ServedSupergraph {
  sha256: string;
  loadedAt: string;
}

export interface RunningGateway extends HttpService {
  /** `POST` GraphQL here; in development a browser gets Apollo Sandbox at the same URL. */
  readonly graphqlUrl: string;
  /** Each contract variant's endpoint, by name: `<url>/contracts/<name>/graphql`. */
  readonly contractUrls: Readonly<Record<string, string>>;
  /** Reads every served graph's file again and serves what changed and checks out (SIGHUP). */
  reload(trigger?: ReloadTrigger): Promise<Record<string, ReloadResult>>;
  /** What each graph serves now: `supergraph`, and each contract variant by name (as `/readyz` says). */
  served(): Record<string, ServedSupergraph | undefined>;
}

/** The graph served at `/graphql` to callers no contract variant claims, in logs, metrics and `/readyz`. */
export const WHOLE_GRAPH = 'supergraph';

/**
 * Query-plan cache of each contract variant, MiB (the whole graph keeps Apollo's 30): variants
 * share the gateway's capped heap, and production runs only the trusted documents anyway.
 */
const VARIANT_PLAN_STORE_MIB = 4;

/**
 * The gateway: Apollo Server over `@apollo/gateway`, serving any Federation 2 supergraph (its
 * subgraphs called where the file says, unless configuration says otherwise) and its contract
 * variants, each reloaded without a restart when its file changes, with our auth, transport,
 * limits and error policy for every subgraph alike.
 */
export async function startGateway(config: GatewayConfig, deps: GatewayDeps): Promise<RunningGateway> {
  const { logger } = deps;
  if (config.production && !config.trustedDocuments) throw new Error('production requires a trusted-documents manifest (TRUSTED_DOCUMENTS_FILE)');
  const issuer = await InternalCredentialIssuer.create({ privateJwk: config.internalPrivateJwk });
  const verifier = new TokenVerifier(config.auth);
  const fetcher = createUndiciFetcher({ connections: config.subgraphConnections, timeoutMs: config.subgraphTimeoutMs, ...(config.subgraphTls ? { tls: config.subgraphTls } : {}) });
  const rateLimit = config.rateLimit === undefined ? DEFAULT_RATE_LIMITS : config.rateLimit;
  const limiter = rateLimit
    ? new RateLimiter(rateLimit, {
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
        onError: (error) => logger.warn({ err: { message: error.message } }, 'rate-limit store unavailable; limiting in this process'),
      })
    : undefined;
  const operationNames = (config.trustedDocuments ?? portalOperations())?.names ?? [];
  const metrics = useGatewayMetrics({ operationNames });
  // One admission control for every graph served: they share the process's CPU.
  const admission = new AdmissionControl({ ...GATEWAY_ADMISSION, ...config.admission });
  registerAdmissionMetrics(metrics.registry, admission);
  const head: ApolloServerPlugin<GatewayContext>[] = [
    useRequestLog(logger),
    metrics,
    ...(deps.tracer ? [useOperationSpanName<GatewayContext>(new OperationLabels(operationNames))] : []),
    useRequestIdHeader(),
    // First: in production nothing else looks at a document that is not on the list.
    ...(config.production && config.trustedDocuments ? [useTrustedDocuments(config.trustedDocuments)] : []),
  ];
  const operations = config.production ? [] : (config.sandbox?.operations ?? readOperations(join(repoRoot(), 'operations')));
  const graphs: ServedGraph[] = [];
  let whole: ServedGraph | undefined;
  const shared: ServedGraphShared = {
    production: config.production,
    limits: { ...DEFAULT_QUERY_LIMITS, ...config.limits },
    logger,
    head,
    // Subgraphs' stale-if-error marks travel on to the client in `extensions.stale`.
    tail: [useOperationResolution(), staleReadsPlugin()],
    buildService: ({ name, url }) => new SubgraphDataSource({ name, url, fetcher, logger, observe: metrics.observeSubgraphFetch, load: admission }, issuer),
    surface: () => whole?.supergraph.facts.loaded?.surface,
    reload: {
      urls: new SubgraphUrls(config.subgraphUrls ?? {}, { production: config.production }),
      ...config.reload,
      onReload: (graph, result) => metrics.observeSupergraphReload(graph, result.outcome),
      onServed: (graph, _sha256, at) => metrics.observeSupergraphServed(graph, at),
    },
    variantPlanStoreMiB: VARIANT_PLAN_STORE_MIB,
  };
  try {
    whole = await startServedGraph(
      {
        graph: WHOLE_GRAPH,
        sdl: config.supergraphSdl,
        ...(config.supergraphFile ? { file: config.supergraphFile } : {}),
        sandbox: (served) => ({ operations: operationsValidIn(operations, served.initial.apiSchema), ...(config.sandbox?.headers ? { headers: config.sandbox.headers } : {}) }),
      },
      shared,
    );
    graphs.push(whole);
    for (const contract of config.contracts ?? []) {
      // A demo resident's header where residents are the variant's callers; none where they are not.
      const headers = contract.callers?.principals.includes('resident') ? config.sandbox?.headers : undefined;
      graphs.push(
        await startServedGraph(
          {
            graph: contract.name,
            contract: { name: contract.name, ...(contract.callers ? { callers: contract.callers } : {}) },
            sdl: contract.supergraphSdl,
            ...(contract.supergraphFile ? { file: contract.supergraphFile } : {}),
            sandbox: (served) => ({ operations: operationsValidIn(operations, served.initial.apiSchema), ...(headers ? { headers } : {}) }),
          },
          shared,
        ),
      );
    }
  } catch (error) {
    for (const graph of graphs) await graph.stop();
    await fetcher.close();
    throw error;
  }
  const wholeGraph = whole;
  const variants = graphs.filter((graph) => graph.contract).map((graph) => ({ graph, callers: graph.contract?.callers }));

  const contextFor = async (req: IncomingMessage): Promise<GatewayContext> => {
    const requestId = acceptedRequestId(req.headers[REQUEST_ID_HEADER]);
    // The address first: a flood of bad tokens is stopped before any is verified.
    if (limiter) {
      const address = clientAddress(req.socket.remoteAddress, req.headers, {
        trustedProxies: config.trustedProxies ?? 0,
        ...(config.clientAddressHeader ? { header: config.clientAddressHeader } : {}),
      });
      refuseWhenLimited(await limiter.takeForAddress(address));
    }
    const principal: Principal = await principalOf(req, verifier);
    if (limiter && principal.kind !== 'anonymous') refuseWhenLimited(await limiter.takeForPrincipal(principalKey(principal)));
    return { principal, requestId, deadline: Date.now() + (config.requestBudgetMs ?? 9_000), logger: logger.child({ requestId }) };
  };
  // `/graphql` learns who is calling before it knows which graph serves them; the graph's Apollo
  // Server then takes the same context (or the same refusal, which it answers as ever).
  const knownContexts = new WeakMap<IncomingMessage, Promise<GatewayContext>>();
  const handlerOf = (graph: ServedGraph, serverFor?: (req: IncomingMessage) => Promise<ServedGraph['server']>): RequestHandler =>
    graphqlHandler({
      server: graph.server,
      ...(serverFor ? { serverFor } : {}),
      context: (req) => knownContexts.get(req) ?? contextFor(req),
      requestScope: (ctx) => ({ requestId: ctx.requestId, deadline: ctx.deadline }),
      // Admitted before the caller is known: a refusal costs no token verification.
      admission,
      priority: { persistedOperationKind: (id) => config.trustedDocuments?.operationKind(id) },
      ...(deps.tracer ? { tracer: deps.tracer } : {}),
    });
  const handlers = new Map(graphs.map((graph) => [graph, handlerOf(graph)] as const));
  /** `/graphql` serves the variant a caller belongs to, the whole graph otherwise. */
  const serveByCaller = handlerOf(wholeGraph, async (req) => {
    if (variants.length === 0) return wholeGraph.server;
    const context = contextFor(req);
    knownContexts.set(req, context);
    const principal = await context.then(
      (ctx) => ctx.principal,
      () => undefined,
    );
    return ((principal && variantForCaller(principal, variants)?.graph) || wholeGraph).server;
  });

  // Draining on SIGTERM: readiness fails first, so the balancer stops sending while requests in flight finish.
  let draining = false;
  const served = (): Record<string, ServedSupergraph | undefined> =>
    Object.fromEntries(
      graphs.map((graph) => {
        const now = graph.supergraph.served;
        return [graph.graph, now ? { sha256: now.sha256, loadedAt: now.loadedAt.toISOString() } : undefined];
      }),
    );
  const routes: Record<string, RequestHandler> = {
    '/graphql': metrics.trackInFlight(serveByCaller),
    '/healthz': healthz,
    '/metrics': metrics.handler,
    '/readyz': (_req: IncomingMessage, res: ServerResponse) => {
      const { [WHOLE_GRAPH]: supergraph, ...contracts } = served();
      // Admission is shown, never failed on: an overloaded replica still serves what it admits.
      const body = { status: draining ? 'draining' : 'ready', supergraph, ...(variants.length > 0 ? { contracts } : {}), admission: admission.state() };
      res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    },
  };
  for (const { graph } of variants) routes[`/contracts/${graph.graph}/graphql`] = metrics.trackInFlight(handlers.get(graph)!);
  if (deps.devSignOnJwks && !config.production) {
    const body = JSON.stringify(deps.devSignOnJwks);
    routes['/.well-known/jwks.json'] = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(body);
    };
  }
  let service: HttpService;
  try {
    service = await startHttpService({ port: config.port, host: config.host, routes, onError: (error) => logger.error({ err: error }, 'request failed') });
  } catch (error) {
    for (const graph of graphs) await graph.stop();
    await fetcher.close();
    throw error;
  }
  logger.info({ url: service.url, contracts: variants.map(({ graph }) => graph.graph) }, 'gateway listening');
  return {
    url: service.url,
    port: service.port,
    graphqlUrl: `${service.url}/graphql`,
    contractUrls: Object.fromEntries(variants.map(({ graph }) => [graph.graph, `${service.url}/contracts/${graph.graph}/graphql`])),
    reload: async (trigger = 'request') => Object.fromEntries(await Promise.all(graphs.map(async (graph) => [graph.graph, await graph.reload(trigger)] as const))),
    served,
    close: async () => {
      draining = true;
      await service.close();
      for (const graph of graphs) await graph.stop();
      await fetcher.close();
      await limiter?.close();
    },
  };
}

/**
 * Development serves any operation, so the metrics label the portal's published ones (the
 * committed manifest) and count the rest as `other`; without the file, all are `other`.
 */
function portalOperations(): TrustedDocuments | undefined {
  try {
    return TrustedDocuments.fromFile(join(repoRoot(), 'operations', 'persisted-query-manifest.json'));
  } catch {
    return undefined;
  }
}

function refuseWhenLimited(decision: RateDecision): void {
  if (decision.allowed) return;
  throw graphqlError(
    'RATE_LIMITED',
    'Too many requests; try again later.',
    { retryAfterSeconds: decision.retryAfterSeconds },
    { http: { headers: { 'retry-after': String(decision.retryAfterSeconds) } } },
  );
}

async function principalOf(req: IncomingMessage, verifier: TokenVerifier): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return verifier.verify('');
  return verifier.verify(match[1]);
}
