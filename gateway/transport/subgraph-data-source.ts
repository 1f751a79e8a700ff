import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_CREDENTIAL_HEADER, type InternalCredentialIssuer } from '../../platform/auth';
import type { GatewayContext } from '../gateway-context';

/**
 * A subgraph as the gateway calls it: over the shared undici fetcher, with the caller's principal
 * as a signed internal credential and the request id. Nothing from the client's own headers is
 * forwarded, so a client cannot speak to a subgraph in anyone's name.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: { url: string; fetcher: RemoteGraphQLDataSource['fetcher'] },
    private readonly issuer: InternalCredentialIssuer,
  ) {
    super(config);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    // Apollo calls this without a request context while it checks subgraph health.
    const principal = 'principal' in context && context.principal ? context.principal : { kind: 'anonymous' as const };
    headers.set(INTERNAL_CREDENTIAL_HEADER, await this.issuer.credentialFor(principal));
    if ('requestId' in context && typeof context.requestId === 'string') headers.set('x-request-id', context.requestId);
  }
}
