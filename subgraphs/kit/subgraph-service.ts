import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Tracer } from '@opentelemetry/api';
import type { DocumentNode } from 'graphql';
import type { Registry } from 'prom-client';
import type { LegacyMetrics } from '../../adapters/transport';
import type { AuditTrail } from '../../platform/audit';
import { INTERNAL_CREDENTIAL_HEADER, type InternalCredentialVerifier, type KeySeal, type Principal, principalKey, readScopeOf, type Scope } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';
import {
  AdmissionControl,
  type AdmissionOptions,
  graphqlHandler,
  type HttpService,
  healthz,
  type RequestHandler,
  registerAdmissionMetrics,
  staleReadsPlugin,
  startHttpService,
} from '../../platform/http';
import type { Logger } from '../../platform/logging';
import { acceptedRequestId, DEADLINE_HEADER, hopDeadline, parseDeadlineHeader, REQUEST_ID_HEADER } from '../../platform/request-scope';
import { OperationLabels, useOperationSpanName } from '../../platform/telemetry';
import type { Clock } from '../../platform/time';
import { AccessPolicy, type GuardianshipPort } from './access-policy';
import { auditWriteFailures } from './audit-metrics';
import { type AuditPolicy, useAuditTrail } from './audit-plugin';
import { formatSubgraphError } from './error-mapping';
import type { LegacyTransports } from './legacy-transports';
import { readinessHandler } from './readiness';
import { RefusedReads } from './refused-reads';
import type { SubgraphResolverMap } from './resolver-map';
import { SUBGRAPH_ADMISSION } from './subgraph-admission';
import type { SubgraphContext } from './subgraph-context';

/** One subgraph: its contract, its resolvers and how it adds its loaders to a request. */
export interface SubgraphDefinition<TContext extends SubgraphContext> {
  /** The contract's name in `schema/` and the service's name in logs (`health`). */
  name: string;
  typeDefs: DocumentNode;
  /** Its generated `Resolvers` (`npm run codegen`), for the context it builds. */
  resolvers: SubgraphResolverMap<TContext>;
  /** Builds the per-request context: the base plus this subgraph's DataLoaders. */
  extendContext(base: SubgraphContext): TContext;
  /** Closes the adapters' connection pools on shutdown. */
  close?(): Promise<void>;
  /**
   * Resolves when the subgraph can serve (its database open and migrated); awaited before it
   * listens, so no request finds it half-started and a failure stops the start.
   */
  ready?(): Promise<void>;
  /**
   * The scopes any one of which lets staff read a resident here. Default: the subgraph's own
   * (`health` → `health:read`); none for a subgraph whose name is no department.
   */
  staffReadScopes?: ReadonlyArray<Scope>;
  /** Which reads are written to the audit trail; by default every staff read of a resident. */
  audit?: AuditPolicy;
  /** Adds this subgraph's own metrics (housing: its outbox) to the process's registry, served at `/metrics`. */
  registerMetrics?(registry: Registry): void;
  /**
   * HTTP routes of the subgraph's own beside `/graphql` (payments: the bank's notification
   * callback), by exact path. They are not the gateway's traffic: no internal credential is asked
   * for, so each must verify its caller itself. Default none.
   */
  routes?: Readonly<Record<string, RequestHandler>>;
}

/** What every subgraph process needs besides its own adapters. */
export interface SubgraphRuntime {
  logger: Logger;
  verifier: InternalCredentialVerifier;
  guardianship: GuardianshipPort;
  /** "Today" for the age of majority: a child's representation ends on their 18th birthday. */
  clock: Clock;
  /** Seals (residents) and opens (every other subgraph) the registry's keys into the legacy systems. */
  keySeal: KeySeal;
  requestBudgetMs: number;
  /** Where reads of residents' records are recorded; shared by every subgraph. */
  audit: AuditTrail;
  /** Every legacy transport of the process, made with its shared cache; `/readyz` reports them. */
  transports: LegacyTransports;
  /** Prometheus metrics of the legacy calls and breakers, at `/metrics`. */
  metrics: LegacyMetrics;
  /** The bounds of the subgraph's adaptive admission limit; each absent option takes SUBGRAPH_ADMISSION's, then the default. */
  admission?: AdmissionOptions;
  /**
   * The process's tracer when tracing is on: each request becomes a server span named after its
   * operation, the parent of its legacy calls. Absent, nothing is traced.
   */
  tracer?: Tracer;
}

export interface RunningSubgraph extends HttpService {
  readonly name: string;
}

/**
 * What `buildSubgraphSchema` takes as one module's resolvers, read from its public signature
 * (the type itself lives in the package's `dist/` internals).
 */
type SchemaModuleResolvers = Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], ReadonlyArray<unknown>>[number], DocumentNode>['resolvers'];

/** The Apollo server of a subgraph, for callers that serve it themselves. */
export function createSubgraphServer<TContext extends SubgraphContext>(definition: SubgraphDefinition<TContext>, runtime: SubgraphRuntime): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    // The one cast between the generated resolver types and Apollo's: `buildSubgraphSchema` types
    // a module's resolvers loosely (any parent, any context), while the subgraph's map was checked
    // against its contract by its generated `Resolvers` type and against TContext by SubgraphDefinition.
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as SchemaModuleResolvers }]),
    formatError: formatSubgraphError(runtime.logger),
    includeStacktraceInErrorResponses: false,
    // Only the gateway calls a subgraph, with the supergraph in hand; nobody needs its schema.
    introspection: false,
    logger: runtime.logger,
    // No type or field carries a cache hint, so Apollo's default cache-control plugin only costs a
    // hook on every resolved field (and wraps every resolver for it); the answers are the same without it.
    // Nobody reads federated traces (ftv1): inline tracing, which Apollo installs in every subgraph,
    // would trace any request that asks for it. Only the gateway calls a subgraph, so it serves no
    // landing page, and no APOLLO_KEY in its environment may make it report usage or its schema
    // off the machine.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      staleReadsPlugin(),
      useAuditTrail({
        subgraph: definition.name,
        policy: definition.audit ?? {},
        trail: runtime.audit,
        logger: runtime.logger,
        onWriteFailed: auditWriteFailures(runtime.metrics.registry, definition.name),
      }),
      ...(runtime.tracer ? [useOperationSpanName<TContext>(OperationLabels.published())] : []),
    ],
  });
}

/** Starts a subgraph on `POST /graphql` with `GET /healthz`. */
export async function startSubgraph<TContext extends SubgraphContext>(
  definition: SubgraphDefinition<TContext>,
  runtime: SubgraphRuntime,
  listen: { port: number; host?: string },
): Promise<RunningSubgraph> {
  const server = createSubgraphServer(definition, runtime);
  definition.registerMetrics?.(runtime.metrics.registry);
  await server.start();
  await definition.ready?.();
  // A subgraph that records every read opens its store now rather than on its first request;
  // others open it on the first staff read (most processes never need it).
  if (definition.audit?.everyRead) void runtime.audit.query({ limit: 1 }).catch(() => undefined);
  const ownScope = readScopeOf(definition.name);
  const staffReadScopes = definition.staffReadScopes ?? (ownScope ? [ownScope] : []);
  const admission = new AdmissionControl({ ...SUBGRAPH_ADMISSION, ...runtime.admission });
  registerAdmissionMetrics(runtime.metrics.registry, admission);
  let closing = false;
  const context = async (req: IncomingMessage): Promise<TContext> => {
    // Vetted here too: whoever holds a credential must not write free text into logs and audit rows.
    const requestId = acceptedRequestId(headerValue(req, REQUEST_ID_HEADER));
    const principal = await principalOf(req, runtime.verifier, definition.name);
    const base: SubgraphContext = {
      principal,
      access: new AccessPolicy(principal, runtime.guardianship, staffReadScopes, runtime.clock),
      audit: runtime.audit,
      keySeal: runtime.keySeal,
      refusedReads: new RefusedReads(),
      requestId,
      // The gateway's whole-request deadline, less a margin for the way back; never more than our own budget.
      deadline: hopDeadline({ received: parseDeadlineHeader(headerValue(req, DEADLINE_HEADER)), budgetMs: runtime.requestBudgetMs }),
      logger: runtime.logger.child({ requestId }),
    };
    return definition.extendContext(base);
  };
  const service = await startHttpService({
    port: listen.port,
    host: listen.host,
    routes: {
      // First, so that none of them can stand in for the kit's own.
      ...definition.routes,
      '/graphql': graphqlHandler({
        server,
        context,
        requestScope: (ctx) => ({
          requestId: ctx.requestId,
          deadline: ctx.deadline,
          principalKey: ctx.principal.kind === 'anonymous' ? undefined : principalKey(ctx.principal),
        }),
        admission,
        reportQueueDelay: true,
        ...(runtime.tracer ? { tracer: runtime.tracer } : {}),
      }),
      '/healthz': healthz,
      '/readyz': readinessHandler(() => runtime.transports.all(), { draining: () => closing, admission: () => admission.state() }),
      '/metrics': runtime.metrics.handler,
    },
    onError: (error) => runtime.logger.error({ err: error }, 'request failed'),
  });
  runtime.logger.info({ url: service.url }, `subgraph ${definition.name} listening`);
  return {
    name: definition.name,
    url: service.url,
    port: service.port,
    close: async () => {
      closing = true;
      await service.close();
      await server.stop();
      await definition.close?.();
    },
  };
}

/**
 * Only the gateway may call: it sends a credential with every request, an anonymous caller's
 * included, so a request without one (`_service` and `_entities` too) did not come through it.
 */
async function principalOf(req: IncomingMessage, verifier: InternalCredentialVerifier, subgraph: string): Promise<Principal> {
  const credential = headerValue(req, INTERNAL_CREDENTIAL_HEADER);
  try {
    if (!credential) throw new Error('no credential');
    return await verifier.verify(credential, subgraph);
  } catch {
    throw graphqlError('UNAUTHENTICATED', 'The request did not come through the gateway.', {}, { http: true });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
