import type { ApolloServerPlugin } from '@apollo/server';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import type { GatewayContext } from '../gateway-context';

/**
 * Every answer names its request id in `x-request-id`: the id the logs and the audit trail know
 * it by, minted by the gateway unless the client sent a UUID, for the client to quote when it asks
 * the operators about a request.
 */
export function useRequestIdHeader(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
        },
      };
    },
  };
}
