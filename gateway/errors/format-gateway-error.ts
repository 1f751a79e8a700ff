import type { GraphQLFormattedError } from 'graphql';
import { unquotedInput } from './unquoted-input';

/** Extensions a client may see; everything else a subgraph or Apollo adds is dropped. */
const PUBLIC_EXTENSIONS = new Set(['code', 'system', 'field', 'retryAfterSeconds', 'serviceName', 'meterId']);

/** Any URL or host:port in a message: internal addresses are nobody's business outside. */
const INTERNAL_ADDRESS = /\b(?:https?:\/\/[^\s"'<>]+|(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?|localhost:\d+)/gi;

/**
 * The gateway's last word on every error: keep the registered code and the neutral names, drop
 * stack traces, the subgraph's raw response (`extensions.response`) and anything else, mask
 * internal errors, take out any client value graphql-js quoted, and scrub any address a message
 * might still carry.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const source = formatted.extensions ?? {};
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (PUBLIC_EXTENSIONS.has(key)) extensions[key] = value;
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  extensions.code = code;
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : unquotedInput(formatted.message).replace(INTERNAL_ADDRESS, '[internal]');
  return { message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
}
