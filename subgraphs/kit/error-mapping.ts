import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { LegacyError, LegacyRateLimitedError } from '../../adapters/transport';
import { graphqlError, isErrorCode } from '../../platform/errors';
import type { Logger } from '../../platform/logging';

/** An adapter failure as the GraphQL error clients see: a registered code and the system's name. */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError && isErrorCode(error.extensions.code)) return error;
  if (error instanceof LegacyError) {
    const details =
      error instanceof LegacyRateLimitedError && error.retryAfterSeconds !== undefined ? { system: error.system, retryAfterSeconds: error.retryAfterSeconds } : { system: error.system };
    return graphqlError(error.code, error.message, details);
  }
  return graphqlError('INTERNAL_SERVER_ERROR', 'Internal error.');
}

/**
 * Apollo's `formatError` for every subgraph: registered codes pass, adapter errors are mapped,
 * anything else is logged and masked, so no stack, URL or payload reaches a client.
 */
export function formatSubgraphError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError) {
      // A scalar refusing a literal surfaces as Apollo's validation error wrapping ours.
      const cause = registeredCause(original);
      if (cause && cause !== original) return { message: cause.message, locations: formatted.locations, path: formatted.path, extensions: { ...cause.extensions } };
      // Ours carry registered codes; Apollo's own (parse, validation, variables) carry its codes.
      return formatted;
    }
    const mapped = toGraphQLError(original);
    if (mapped.extensions.code === 'INTERNAL_SERVER_ERROR') {
      const err = original instanceof Error ? { type: original.name, message: original.message, stack: original.stack } : { type: typeof original };
      logger.error({ err, path: formatted.path }, 'unexpected resolver error');
    }
    return { message: mapped.message, path: formatted.path, locations: formatted.locations, extensions: mapped.extensions };
  };
}

/** The nearest error down the `originalError` chain that carries a registered code. */
function registeredCause(error: GraphQLError): GraphQLError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError; depth++) {
    if (isErrorCode(current.extensions.code) && current.extensions.code !== 'INTERNAL_SERVER_ERROR') return current;
    current = current.originalError;
  }
  return undefined;
}
