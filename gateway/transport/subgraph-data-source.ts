import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { isErrorCode } from '../../platform/errors';
import { ANONYMOUS, INTERNAL_CREDENTIAL_HEADER, type InternalCredentialIssuer, type Principal } from '../../platform/auth';
import { absorbStaleExtension, currentRequestScope, DEADLINE_HEADER, formatDeadlineHeader } from '../../platform/request-scope';
import type { GatewayContext } from '../gateway-context';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** How a subgraph fetch ended: `ok`, `errors` in a 2xx answer, `http_error`, `timeout` or `failed` (no answer). */
export type FetchOutcome = 'ok' | 'errors' | 'http_error' | 'timeout' | 'failed';

/** Told of every subgraph fetch, for the gateway's metrics. */
export type FetchObserver = (subgraph: string, outcome: FetchOutcome, seconds: number) => void;

/**
 * A subgraph as the gateway calls it: over the shared undici fetcher, with the caller's principal
 * as a signed internal credential and the request id. Nothing from the client's own headers is
 * forwarded, so a client cannot speak to a subgraph in anyone's name.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly observe: FetchObserver | undefined;

  constructor(
    config: { name: string; url: string; fetcher: RemoteGraphQLDataSource['fetcher']; observe?: FetchObserver },
    private readonly issuer: InternalCredentialIssuer,
  ) {
    super({ url: config.url, fetcher: config.fetcher });
    this.subgraph = config.name;
    this.observe = config.observe;
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
    const headers = await this.headersFor(context);
    const started = performance.now();
    const observed = (outcome: FetchOutcome): void => this.observe?.(this.subgraph, outcome, (performance.now() - started) / 1000);
    let response: Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;
    try {
      response = await this.fetcher(this.url!, { method: 'POST', headers, body: JSON.stringify(payload) });
    } catch (error) {
      observed(isTimeout(error) ? 'timeout' : 'failed');
      throw error;
    }
    if (!response.ok) {
      observed('http_error');
      throw await this.errorFromResponse(response);
    }
    let body: unknown;
    try {
      body = await this.parseBody(response);
    } catch (error) {
      observed('failed');
      throw error;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      observed('failed');
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    }
    const received = { ...(body as GatewayGraphQLResponse), http: response } as GatewayGraphQLResponse;
    observed(received.errors?.length ? 'errors' : 'ok');
    // A subgraph that served something stale says so; the mark joins this request's, for the client.
    absorbStaleExtension(received.extensions?.stale);
    return received;
  }

  private async headersFor(context: GatewayContext | Record<string, unknown>): Promise<Record<string, string>> {
    // Apollo calls without a request context while it checks subgraph health.
    const principal = 'principal' in context && context.principal ? (context.principal as Principal) : ANONYMOUS;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // Addressed to this subgraph alone: a credential seen in one subgraph's traffic opens no other.
      [INTERNAL_CREDENTIAL_HEADER]: await this.issuer.credentialFor(principal, this.subgraph),
    };
    if ('requestId' in context && typeof context.requestId === 'string') headers['x-request-id'] = context.requestId;
    const deadline = currentRequestScope()?.deadline;
    if (deadline !== undefined) headers[DEADLINE_HEADER] = formatDeadlineHeader(deadline);
    return headers;
  }

  /**
   * A subgraph refuses a whole operation with HTTP 4xx (a malformed literal fails its
   * validation); Apollo would answer "400: Bad Request" and bury the subgraph's coded error in the
   * raw response. The client gets the subgraph's registered code and message instead.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors) ? ((body as { errors: unknown[] }).errors[0] as { message?: unknown; extensions?: Record<string, unknown> } | undefined) : undefined;
    const code = first?.extensions?.code;
    if (!first || !isErrorCode(code) || typeof first.message !== 'string') return error;
    const { system, field } = first.extensions ?? {};
    return new GraphQLError(first.message, { extensions: { code, ...(system ? { system } : {}), ...(field ? { field } : {}) } });
  }
}

/** The deadline's abort (`TimeoutError`) or undici's own header/body timeouts. */
function isTimeout(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}
