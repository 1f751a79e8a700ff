import { type GraphQLDataSourceProcessOptions, HEALTH_CHECK_QUERY, RemoteGraphQLDataSource } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import { ANONYMOUS, INTERNAL_CREDENTIAL_HEADER, type InternalCredentialIssuer, type Principal } from '../../platform/auth';
import { isErrorCode } from '../../platform/errors';
import { type AdmissionControl, queueDelayOf } from '../../platform/http';
import type { Logger } from '../../platform/logging';
import { absorbStaleExtension, currentRequestScope, DEADLINE_HEADER, formatDeadlineHeader, REQUEST_ID_HEADER } from '../../platform/request-scope';
import type { GatewayContext } from '../gateway-context';
import { distinctRepresentations, expandEntities, requestBodyWith } from './distinct-representations';
import { type FetchFailure, fetchFailureOf, isMergeableResponse, overloadRefusalOf, unavailableErrors } from './subgraph-failure';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;

/**
 * How a subgraph fetch ended: `ok`, `errors` in a 2xx answer, `shed` (the subgraph refused it for
 * overload, 503/429 with Retry-After), `http_error`, `timeout` or `failed` (no answer).
 */
export type FetchOutcome = 'ok' | 'errors' | 'shed' | 'http_error' | 'timeout' | 'failed';

/** Told of every subgraph fetch, for the gateway's metrics. */
export type FetchObserver = (subgraph: string, outcome: FetchOutcome, seconds: number) => void;

/**
 * Told how loaded each subgraph is: the queueing delay it reports on its answers
 * (`Server-Timing: queue;dur=…`) and its refusals for overload. The gateway's admission control
 * brings its own limit down on them, so the gateway refuses whole requests before a subgraph has to
 * refuse parts of them.
 */
export type SubgraphLoadListener = Pick<AdmissionControl, 'reportDownstreamDelay' | 'reportDownstreamRefusal'>;

/**
 * A subgraph as the gateway calls it: over the shared undici fetcher, with the caller's principal
 * as a signed internal credential and the request id. Nothing from the client's own headers is
 * forwarded, so a client cannot speak to a subgraph in anyone's name.
 *
 * A subgraph that cannot be reached, does not answer in time, answers 5xx or answers something
 * that is not a GraphQL response fails only its own fields: the fetch answers with one
 * `SUBGRAPH_UNAVAILABLE` error per field it was for, naming the subgraph, so the gateway nulls
 * those fields and keeps the rest of the response. The failure is logged with its class.
 *
 * A subgraph at its limit refuses at once with 503 (or 429) and `Retry-After`: the same, with the
 * wait passed on as `retryAfterSeconds`. Nothing is retried, that refusal least of all: another
 * try would land on the same full subgraph within the same request.
 *
 * An entity fetch carries each distinct representation once, and its answer is expanded back to
 * one entity per representation the executor built (see `distinctRepresentations`).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly logger: Logger | undefined;
  private readonly observe: FetchObserver | undefined;
  private readonly load: SubgraphLoadListener | undefined;

  constructor(
    config: { name: string; url: string; fetcher: RemoteGraphQLDataSource['fetcher']; logger?: Logger; observe?: FetchObserver; load?: SubgraphLoadListener },
    private readonly issuer: InternalCredentialIssuer,
  ) {
    super({ url: config.url, fetcher: config.fetcher });
    this.subgraph = config.name;
    this.logger = config.logger;
    this.observe = config.observe;
    this.load = config.load;
  }

  /**
   * Apollo's `process` without what this gateway does not use: automatic persisted queries,
   * subgraph cache-control hints (the subgraphs give none), and a node-fetch `Headers` and
   * `Request` (body streams and all) built for every call only to be handed to hooks we do not
   * override. Those objects were about 6% of the gateway's CPU per dashboard.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const { http: _ignored, ...payload } = request;
    // An entity fetch sends each distinct representation once; the answer is expanded back below.
    const representations = request.variables?.representations;
    const distinct = Array.isArray(representations) && isEntityFetch(request.query) ? distinctRepresentations(representations) : undefined;
    const headers = await this.headersFor(context);
    const started = performance.now();
    const observed = (outcome: FetchOutcome): void => this.observe?.(this.subgraph, outcome, (performance.now() - started) / 1000);
    let response: FetcherResponse;
    try {
      const body = distinct ? requestBodyWith(payload, distinct) : JSON.stringify(payload);
      response = await this.fetcher(this.url!, { method: 'POST', headers, body });
    } catch (error) {
      const failure = fetchFailureOf(error);
      observed(failure.cause === 'timeout' ? 'timeout' : 'failed');
      return this.unavailable(options, failure);
    }
    const queueDelay = queueDelayOf(response.headers.get('server-timing'));
    if (queueDelay !== undefined) this.load?.reportDownstreamDelay(this.subgraph, queueDelay);
    if (!response.ok) {
      const retryAfterSeconds = overloadRefusalOf(response.status, response.headers.get('retry-after'));
      if (retryAfterSeconds !== undefined) {
        this.load?.reportDownstreamRefusal();
        observed('shed');
        return this.unavailable(options, { cause: 'overloaded', status: response.status, retryAfterSeconds });
      }
      observed('http_error');
      const refusal = await this.codedRefusal(response);
      if (refusal) throw refusal;
      return this.unavailable(options, { cause: 'http-status', status: response.status });
    }
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      observed('failed');
      return this.unavailable(options, { cause: 'bad-response' });
    }
    if (!isMergeableResponse(body, distinct?.texts.length)) {
      observed('failed');
      return this.unavailable(options, { cause: 'bad-response' });
    }
    if (distinct && distinct.texts.length < distinct.slotOf.length) expandEntities(body as { data?: unknown; errors?: unknown }, distinct);
    const received = { ...(body as GatewayGraphQLResponse), http: response } as GatewayGraphQLResponse;
    observed(received.errors?.length ? 'errors' : 'ok');
    // A subgraph that served something stale says so; the mark joins this request's, for the client.
    absorbStaleExtension(received.extensions?.stale);
    return received;
  }

  private unavailable(options: GraphQLDataSourceProcessOptions<GatewayContext>, failure: FetchFailure): GatewayGraphQLResponse {
    // Asked whether the subgraph is there before a supergraph is served: it is not, and saying so
    // is the answer (nulled fields are for operations).
    if (options.request.query === HEALTH_CHECK_QUERY) throw new Error(`subgraph ${this.subgraph} did not answer (${failure.cause})`);
    const context = options.context as Partial<GatewayContext>;
    // The request's own logger carries its id; Apollo's health checks have no request.
    (context.logger ?? this.logger)?.warn({ subgraph: this.subgraph, ...failure }, 'subgraph fetch failed');
    // The planner hands over the fetch's document only when configured to; parsing its text costs
    // nothing on the way that matters, and only on this one.
    const given = 'document' in options ? options.document : undefined;
    const document = given ?? parseQuietly(options.request.query);
    const details = failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {};
    return { errors: unavailableErrors(this.subgraph, document, options.request.variables, details) } as GatewayGraphQLResponse;
  }

  private async headersFor(context: GatewayContext | Record<string, unknown>): Promise<Record<string, string>> {
    // Apollo calls without a request context while it checks subgraph health.
    const principal = 'principal' in context && context.principal ? (context.principal as Principal) : ANONYMOUS;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // Addressed to this subgraph alone: a credential seen in one subgraph's traffic opens no other.
      [INTERNAL_CREDENTIAL_HEADER]: await this.issuer.credentialFor(principal, this.subgraph),
    };
    if ('requestId' in context && typeof context.requestId === 'string') headers[REQUEST_ID_HEADER] = context.requestId;
    const deadline = currentRequestScope()?.deadline;
    if (deadline !== undefined) headers[DEADLINE_HEADER] = formatDeadlineHeader(deadline);
    // The `traceparent` of @apollo/gateway's `gateway.fetch` span, which this call runs in, so the
    // subgraph's span is its child. With tracing off the global propagator is a no-op.
    propagation.inject(otelContext.active(), headers);
    return headers;
  }

  /**
   * A subgraph refuses a whole operation with HTTP 4xx and a registered code (a malformed literal
   * fails its validation, a credential it does not accept); the client gets that code and message.
   * Any other status is the subgraph failing, not refusing.
   */
  private async codedRefusal(response: FetcherResponse): Promise<GraphQLError | undefined> {
    if (response.status >= 500) return undefined;
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch {
      return undefined;
    }
    const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
    const first = Array.isArray(errors) ? (errors[0] as { message?: unknown; extensions?: Record<string, unknown> } | undefined) : undefined;
    const code = first?.extensions?.code;
    if (!first || !isErrorCode(code) || typeof first.message !== 'string') return undefined;
    const { system, field } = first.extensions ?? {};
    return new GraphQLError(first.message, { extensions: { code, ...(system ? { system } : {}), ...(field ? { field } : {}) } });
  }
}

/**
 * The planner's entity fetches declare `$representations: [_Any!]!`. No client operation can:
 * `_Any` is not in the API schema, so a client's own variable of that name is never taken for one.
 */
const ENTITY_FETCH = /^[^{]*\$representations\s*:\s*\[\s*_Any\s*!\s*\]\s*!/;

function isEntityFetch(query: string): boolean {
  return ENTITY_FETCH.test(query);
}

function parseQuietly(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}
