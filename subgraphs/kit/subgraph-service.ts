import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { ANONYMOUS, INTERNAL_CREDENTIAL_HEADER, type InternalCredentialVerifier, type Principal } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';
import { graphqlHandler, healthz, startHttpService, type HttpService } from '../../platform/http';
import type { Logger } from '../../platform/logging';
import { AccessPolicy, type GuardianshipPort } from './access-policy';
import { formatSubgraphError } from './error-mapping';
import type { SubgraphContext } from './subgraph-context';

/** One subgraph: its contract, its resolvers and how it adds its loaders to a request. */
export interface SubgraphDefinition<TContext extends SubgraphContext> {
  /** The contract's name in `schema/` and the service's name in logs (`health`). */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Builds the per-request context: the base plus this subgraph's DataLoaders. */
  extendContext(base: SubgraphContext): TContext;
  /** Closes the adapters' connection pools on shutdown. */
  close?(): Promise<void>;
}

/** What every subgraph process needs besides its own adapters. */
export interface SubgraphRuntime {
  logger: Logger;
  verifier: InternalCredentialVerifier;
  guardianship: GuardianshipPort;
  requestBudgetMs: number;
}

export interface RunningSubgraph extends HttpService {
  readonly name: string;
}

/** The Apollo server of a subgraph, for callers that serve it themselves. */
export function createSubgraphServer<TContext extends SubgraphContext>(definition: SubgraphDefinition<TContext>, runtime: SubgraphRuntime): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]),
    formatError: formatSubgraphError(runtime.logger),
    includeStacktraceInErrorResponses: false,
    logger: runtime.logger,
  });
}

/** Starts a subgraph on `POST /graphql` with `GET /healthz`. */
export async function startSubgraph<TContext extends SubgraphContext>(
  definition: SubgraphDefinition<TContext>,
  runtime: SubgraphRuntime,
  listen: { port: number; host?: string },
): Promise<RunningSubgraph> {
  const server = createSubgraphServer(definition, runtime);
  await server.start();
  const context = async (req: IncomingMessage): Promise<TContext> => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    const principal = await principalOf(req, runtime.verifier);
    const base: SubgraphContext = {
      principal,
      access: new AccessPolicy(principal, runtime.guardianship, requestId),
      requestId,
      deadline: Date.now() + runtime.requestBudgetMs,
      logger: runtime.logger.child({ requestId }),
    };
    return definition.extendContext(base);
  };
  const service = await startHttpService({
    port: listen.port,
    host: listen.host,
    routes: { '/graphql': graphqlHandler({ server, context }), '/healthz': healthz },
    onError: (error) => runtime.logger.error({ err: error }, 'request failed'),
  });
  runtime.logger.info({ url: service.url }, `subgraph ${definition.name} listening`);
  return {
    name: definition.name,
    url: service.url,
    port: service.port,
    close: async () => {
      await service.close();
      await server.stop();
      await definition.close?.();
    },
  };
}

async function principalOf(req: IncomingMessage, verifier: InternalCredentialVerifier): Promise<Principal> {
  const credential = headerValue(req, INTERNAL_CREDENTIAL_HEADER);
  if (!credential) return ANONYMOUS;
  try {
    return await verifier.verify(credential);
  } catch {
    throw graphqlError('UNAUTHENTICATED', 'The request did not come through the gateway.', { http: { status: 401 } });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
