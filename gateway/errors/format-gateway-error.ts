import type { GraphQLFormattedError } from 'graphql';

/** Extensions a client may see; everything else a subgraph or Apollo adds is dropped. */
const PUBLIC_EXTENSIONS = new Set(['code', 'system', 'field', 'retryAfterSeconds', 'serviceName', 'meterId']);

/**
 * The gateway's last word on every error: keep the registered code and the neutral names, drop
 * stack traces, the subgraph's raw response and anything else, and mask internal errors.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const source = formatted.extensions ?? {};
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (PUBLIC_EXTENSIONS.has(key)) extensions[key] = value;
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  extensions.code = code;
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : formatted.message;
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}
