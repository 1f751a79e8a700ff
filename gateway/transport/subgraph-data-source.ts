import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { isErrorCode } from '../../platform/errors';
import { INTERNAL_CREDENTIAL_HEADER, type InternalCredentialIssuer } from '../../platform/auth';
import { absorbStaleExtension, currentRequestScope, DEADLINE_HEADER, formatDeadlineHeader } from '../../platform/request-scope';
import type { GatewayContext } from '../gateway-context';

/**
 * A subgraph as the gateway calls it: over the shared undici fetcher, with the caller's principal
 * as a signed internal credential and the request id. Nothing from the client's own headers is
 * forwarded, so a client cannot speak to a subgraph in anyone's name.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;

  constructor(
    config: { name: string; url: string; fetcher: RemoteGraphQLDataSource['fetcher'] },
    private readonly issuer: InternalCredentialIssuer,
  ) {
    super({ url: config.url, fetcher: config.fetcher });
    this.subgraph = config.name;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    // Apollo calls this without a request context while it checks subgraph health.
    const principal = 'principal' in context && context.principal ? context.principal : { kind: 'anonymous' as const };
    // Addressed to this subgraph alone: a credential seen in one subgraph's traffic opens no other.
    headers.set(INTERNAL_CREDENTIAL_HEADER, await this.issuer.credentialFor(principal, this.subgraph));
    if ('requestId' in context && typeof context.requestId === 'string') headers.set('x-request-id', context.requestId);
    const deadline = currentRequestScope()?.deadline;
    if (deadline !== undefined) headers.set(DEADLINE_HEADER, formatDeadlineHeader(deadline));
  }

  /** A subgraph that served something stale says so; the mark joins this request's, for the client. */
  override didReceiveResponse({ response }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    absorbStaleExtension(response.extensions?.stale);
    return response;
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
