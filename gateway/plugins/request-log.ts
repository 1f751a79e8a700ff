import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';

/**
 * One log line per request: its id, the operation's name, how long it took and the error codes
 * it answered with. Never the variables or the data: they carry personal data.
 */
export function useRequestLog(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = [...new Set((body?.errors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN')))];
          contextValue.logger.info(
            { operation: operationName ?? null, principal: contextValue.principal.kind, ms: Math.round(performance.now() - started), errors: codes.length ? codes : undefined },
            'graphql request',
          );
        },
      };
    },
  };
}
