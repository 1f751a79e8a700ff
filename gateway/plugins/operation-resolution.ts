import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A request whose document holds no operation by the name it gives in `operationName` (or holds
 * several and names none) is the client's mistake: `BAD_USER_INPUT` with HTTP 400, not the
 * gateway's 500, and the name is not repeated back. The client wrote it, may have put anything
 * in it, and already knows it.
 */
export function useOperationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? 'The document has no operation of the name given in operationName.'
            : 'The document holds more than one operation; name the one to run in operationName.';
          throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}
