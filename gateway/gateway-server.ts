import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGateway } from '@apollo/gateway';
import type { JSONWebKeySet } from 'jose';
import { ANONYMOUS, InternalCredentialIssuer, principalKey, type Principal } from '../platform/auth';
import { repoRoot } from '../platform/config';
import { graphqlError } from '../platform/errors';
import { graphqlHandler, healthz, staleReadsPlugin, startHttpService, type HttpService, type RequestHandler } from '../platform/http';
import type { Logger } from '../platform/logging';
import { acceptedRequestId, REQUEST_ID_HEADER } from '../platform/request-scope';
import type { SubgraphName } from '../schema';
import { TokenVerifier } from './auth';
import { gatewayErrorFormatter } from './errors';
import { DEFAULT_RATE_LIMITS, type GatewayConfig } from './gateway-config';
import type { GatewayContext } from './gateway-context';
import { clientAddress, DEFAULT_QUERY_LIMITS, queryProtection, RateLimiter, type RateDecision } from './limits';
import { useGatewayMetrics, useOperationResolution, useRequestIdHeader, useRequestLog } from './plugins';
import { LoadedSupergraph } from './supergraph';
import { createUndiciFetcher, SubgraphDataSource } from './transport';
import { TrustedDocuments, useTrustedDocuments } from './trusted-documents';

export interface GatewayDeps {
  logger: Logger;
  /** Published at `/.well-known/jwks.json` when the embedded development sign-on runs beside the gateway. */
  devSignOnJwks?: JSONWebKeySet;
}

export interface RunningGateway extends HttpService {
  /** `POST` GraphQL here; in development a browser gets Apollo Sandbox at the same URL. */
  readonly graphqlUrl: string;
}

/** The gateway: Apollo Server over the static supergraph, with our auth, fetcher and error policy. */
export async function startGateway(config: GatewayConfig, deps: GatewayDeps): Promise<RunningGateway> {
  const { logger } = deps;
  if (config.production && !config.trustedDocuments) throw new Error('production requires a trusted-documents manifest (TRUSTED_DOCUMENTS_FILE)');
  const issuer = await InternalCredentialIssuer.create({ privateJwk: config.internalPrivateJwk });
  const verifier = new TokenVerifier(config.auth);
  const fetcher = createUndiciFetcher({ connections: config.subgraphConnections, timeoutMs: config.subgraphTimeoutMs, ...(config.subgraphTls ? { tls: config.subgraphTls } : {}) });
  const rateLimit = config.rateLimit === undefined ? DEFAULT_RATE_LIMITS : config.rateLimit;
  const limiter = rateLimit
    ? new RateLimiter(rateLimit, { ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), onError: (error) => logger.warn({ err: { message: error.message } }, 'rate-limit store unavailable; limiting in this process') })
    : undefined;
  // What the gateway's own rules read from the supergraph: filled when the gateway loads it.
  const supergraph = new LoadedSupergraph();
  const protection = queryProtection({ ...DEFAULT_QUERY_LIMITS, ...config.limits }, { production: config.production, supergraph });
  const metrics = useGatewayMetrics({ operationNames: (config.trustedDocuments ?? portalOperations())?.names ?? [] });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    useRequestLog(logger),
    metrics,
    useRequestIdHeader(),
    // First: in production nothing else looks at a document that is not on the list.
    ...(config.production && config.trustedDocuments ? [useTrustedDocuments(config.trustedDocuments)] : []),
    ...protection.plugins,
    useOperationResolution(),
    // Subgraphs' stale-if-error marks travel on to the client in `extensions.stale`.
    staleReadsPlugin(),
    config.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    // The subgraphs give no cache hints, so the default cache-control plugin would only compute
    // an empty policy on every request.
    ApolloServerPluginCacheControlDisabled(),
  ];

  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`the supergraph names a subgraph "${name}" the configuration does not know`);
      return new SubgraphDataSource({ name, url, fetcher, logger, observe: metrics.observeSubgraphFetch }, issuer);
    },
    logger,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => supergraph.load(coreSupergraphSdl, apiSchema));

  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: gatewayErrorFormatter(() => supergraph.loaded?.surface),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    // Stated although they are Apollo's defaults: a form post or a GET without a preflight header
    // is refused (CSRF), and an array of operations is one request, not many (batching attacks).
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    logger,
    plugins,
  });
  await server.start();

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const requestId = acceptedRequestId(req.headers[REQUEST_ID_HEADER]);
    // The address first: a flood of bad tokens is stopped before any is verified.
    if (limiter) {
      const address = clientAddress(req.socket.remoteAddress, req.headers, { trustedProxies: config.trustedProxies ?? 0, ...(config.clientAddressHeader ? { header: config.clientAddressHeader } : {}) });
      refuseWhenLimited(await limiter.takeForAddress(address));
    }
    const principal: Principal = await principalOf(req, verifier);
    if (limiter && principal.kind !== 'anonymous') refuseWhenLimited(await limiter.takeForPrincipal(principalKey(principal)));
    return { principal, requestId, deadline: Date.now() + (config.requestBudgetMs ?? 9_000), logger: logger.child({ requestId }) };
  };

  // Draining on SIGTERM: readiness fails first, so the balancer stops sending while requests in flight finish.
  let draining = false;
  const routes: Record<string, RequestHandler> = {
    '/graphql': metrics.trackInFlight(graphqlHandler({ server, context, requestScope: (ctx) => ({ requestId: ctx.requestId, deadline: ctx.deadline }) })),
    '/healthz': healthz,
    '/metrics': metrics.handler,
    '/readyz': (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' }).end(draining ? '{"status":"draining"}' : '{"status":"ready"}');
    },
  };
  if (deps.devSignOnJwks && !config.production) {
    const body = JSON.stringify(deps.devSignOnJwks);
    routes['/.well-known/jwks.json'] = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(body);
    };
  }
  const service = await startHttpService({ port: config.port, host: config.host, routes, onError: (error) => logger.error({ err: error }, 'request failed') });
  logger.info({ url: service.url }, 'gateway listening');
  return {
    url: service.url,
    port: service.port,
    graphqlUrl: `${service.url}/graphql`,
    close: async () => {
      draining = true;
      await service.close();
      await server.stop();
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
  throw graphqlError('RATE_LIMITED', 'Too many requests; try again later.', { retryAfterSeconds: decision.retryAfterSeconds }, { http: { headers: { 'retry-after': String(decision.retryAfterSeconds) } } });
}

async function principalOf(req: IncomingMessage, verifier: TokenVerifier): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return verifier.verify('');
  return verifier.verify(match[1]);
}
