import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type ErrorCode, isErrorCode } from '../../platform/errors';
import type { PublicSurface } from '../supergraph';
import { unquotedInput } from './unquoted-input';

/**
 * Extension keys a client may see: the registered code, the legacy system or subgraph at fault,
 * when to retry, and stale marks. Everything else a subgraph or Apollo adds (`serviceName`, the
 * subgraph's raw response, stack traces, exception details) is dropped. `field` is kept apart:
 * see `publicField`.
 */
const PUBLIC_EXTENSIONS = new Set(['code', 'system', 'subgraph', 'retryAfterSeconds', 'stale']);

/** Any URL or host:port in a message: internal addresses are nobody's business outside. */
const INTERNAL_ADDRESS = /\b(?:https?:\/\/[^\s"'<>]+|(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?|localhost:\d+)/gi;

/**
 * The gateway's last word on every error: keep the registered code and the neutral names, drop
 * stack traces, internal names and anything else, mask internal errors, take out any client value
 * graphql-js quoted, and scrub any address or hidden schema name a message might still carry.
 * `surface` is what the served API schema lets clients know; before a schema is loaded nothing
 * schema-named passes.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown, surface: PublicSurface | undefined, preciseRefusal?: PreciseRefusal): GraphQLFormattedError {
  const source = formatted.extensions ?? {};
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (PUBLIC_EXTENSIONS.has(key)) extensions[key] = value;
  const field = publicField(source.field, surface);
  if (field) extensions.field = field;
  const precise = preciseRefusal?.(error);
  const code = precise?.code ?? registeredRefusal(error) ?? (typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR');
  extensions.code = code;
  if (precise?.extensions) Object.assign(extensions, precise.extensions);
  const scrubbed = unquotedInput(formatted.message).replace(INTERNAL_ADDRESS, '[internal]');
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : surface ? surface.scrub(scrubbed) : scrubbed;
  const path = formatted.path ? publicPath(formatted.path, surface) : undefined;
  return { message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(path ? { path } : {}), extensions };
}

/**
 * A refusal one served graph words more precisely than the error Apollo raised (a contract
 * variant's `OUTSIDE_CONTRACT_VARIANT` for a validation error), with extensions of ours to add.
 */
export type PreciseRefusal = (error: unknown) => { code: ErrorCode; extensions?: Record<string, string> } | undefined;

/** `formatGatewayError` bound to the schema being served, as Apollo Server's `formatError`. */
export function gatewayErrorFormatter(
  surface: () => PublicSurface | undefined,
  preciseRefusal?: PreciseRefusal,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => formatGatewayError(formatted, error, surface(), preciseRefusal);
}

/**
 * The argument or input field at fault (`input.readings.meterId`), only when each part of it
 * names something of the API schema: a subgraph that refuses a hidden key field (a staff token
 * without the scope for `omsNumber`) must not tell the client that the field exists.
 */
function publicField(value: unknown, surface: PublicSurface | undefined): string | undefined {
  if (typeof value !== 'string' || !surface) return undefined;
  return value.split('.').every((part) => surface.names.has(part)) ? value : undefined;
}

/** The path up to the first hidden field: an error on a key the planner fetched is its parent's. */
function publicPath(path: ReadonlyArray<string | number>, surface: PublicSurface | undefined): ReadonlyArray<string | number> {
  if (!surface) return path;
  const hidden = path.findIndex((part) => typeof part === 'string' && surface.hidden.has(part));
  return hidden < 0 ? path : path.slice(0, hidden);
}

/** Registered codes the gateway's own validation rules refuse with, each more precise than Apollo's. */
const OWN_VALIDATION_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['RESPONSE_KEY_RESERVED']);

/**
 * Apollo reports every validation rule's error as GRAPHQL_VALIDATION_FAILED; a rule of ours that
 * refuses with a precise registered code keeps that code.
 */
function registeredRefusal(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'GRAPHQL_VALIDATION_FAILED') return undefined;
  const cause = error.originalError;
  const code = cause instanceof GraphQLError ? cause.extensions.code : undefined;
  return isErrorCode(code) && OWN_VALIDATION_CODES.has(code) ? code : undefined;
}
