import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGateway } from '@apollo/gateway';
import type { JSONWebKeySet } from 'jose';
import { ANONYMOUS, InternalCredentialIssuer, type Principal } from '../platform/auth';
import { graphqlHandler, healthz, startHttpService, type HttpService, type RequestHandler } from '../platform/http';
import type { Logger } from '../platform/logging';
import type { SubgraphName } from '../schema';
import { TokenVerifier } from './auth';
import { formatGatewayError } from './errors';
import type { GatewayConfig } from './gateway-config';
import type { GatewayContext } from './gateway-context';
import { useRequestLog } from './plugins';
import { createUndiciFetcher, SubgraphDataSource } from './transport';

export interface GatewayDeps {
  logger: Logger;
  /** Published at `/.well-known/jwks.json` when the embedded development sign-on runs beside the gateway. */
  devSignOnJwks?: JSONWebKeySet;
}

export interface RunningGateway extends HttpService {
  /** `POST` GraphQL here; in development a browser gets Apollo Sandbox at the same URL. */
  readonly graphqlUrl: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The gateway: Apollo Server over the static supergraph, with our auth, fetcher and error policy. */
export async function startGateway(config: GatewayConfig, deps: GatewayDeps): Promise<RunningGateway> {
  const { logger } = deps;
  const issuer = await InternalCredentialIssuer.create({ privateJwk: config.internalPrivateJwk });
  const verifier = new TokenVerifier(config.auth);
  const fetcher = createUndiciFetcher({ connections: config.subgraphConnections, timeoutMs: config.subgraphTimeoutMs });

  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`the supergraph names a subgraph "${name}" the configuration does not know`);
      return new SubgraphDataSource({ url, fetcher }, issuer);
    },
    logger,
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    logger,
    plugins: [
      useRequestLog(),
      config.production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await server.start();

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    const principal: Principal = await principalOf(req, verifier);
    return { principal, requestId, logger: logger.child({ requestId }) };
  };

  const routes: Record<string, RequestHandler> = {
    '/graphql': graphqlHandler({ server, context }),
    '/healthz': healthz,
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
      await service.close();
      await server.stop();
      await fetcher.close();
    },
  };
}

async function principalOf(req: IncomingMessage, verifier: TokenVerifier): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return verifier.verify('');
  return verifier.verify(match[1]);
}
