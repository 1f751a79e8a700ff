import { type DocumentNode, type GraphQLFormattedError, Kind, type SelectionSetNode } from 'graphql';

/**
 * Why a subgraph fetch failed, in classes an operator can act on; never anything from the payload.
 * `overloaded`: the subgraph refused the fetch at once (503 or 429 with `Retry-After`) because it
 * was at its limit.
 */
export type FetchFailureCause = 'connection' | 'timeout' | 'http-status' | 'bad-response' | 'overloaded';

/** One failed fetch: its class, and the transport's own code or the HTTP status when there is one. */
export interface FetchFailure {
  cause: FetchFailureCause;
  /** `ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, …: the library's code, safe to log. */
  errorCode?: string;
  status?: number;
  /** For `overloaded`: what the subgraph asked callers to wait, passed on to the client. */
  retryAfterSeconds?: number;
}

/** The longest wait passed on from a subgraph's `Retry-After`: a misconfigured subgraph cannot tell clients to go away for a day. */
const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * A subgraph's refusal for overload: 503 (at its limit) or 429 (slow down) with a `Retry-After`
 * of whole seconds or an HTTP date. The wait in seconds (at least 1, at most 60), or `undefined`
 * when the answer is not such a refusal (a 503 without it is a subgraph failing or draining).
 */
export function overloadRefusalOf(status: number, retryAfter: string | null | undefined, now: number = Date.now()): number | undefined {
  if ((status !== 503 && status !== 429) || !retryAfter) return undefined;
  const value = retryAfter.trim();
  let seconds: number;
  if (/^\d{1,10}$/.test(value)) seconds = Number(value);
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    seconds = Math.ceil((at - now) / 1000);
  }
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** Classifies what the fetcher threw: the request never got a whole HTTP answer. */
export function fetchFailureOf(error: unknown): FetchFailure {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  const errorCode = typeof code === 'string' ? code : typeof name === 'string' ? name : undefined;
  const timedOut = (typeof code === 'string' && TIMEOUT_CODES.has(code)) || name === 'TimeoutError' || name === 'AbortError';
  return { cause: timedOut ? 'timeout' : 'connection', ...(errorCode ? { errorCode } : {}) };
}

/** At most this many errors for one failed fetch, however many entities it was for. */
const MAX_ERRORS_PER_FETCH = 100;

/**
 * The errors a failed fetch answers with, one per field it was to fetch, at the paths the gateway
 * maps back into the client's response (`_entities[i].field` for an entity fetch, the root field
 * for a root fetch), each `SUBGRAPH_UNAVAILABLE` naming the subgraph, and with `retryAfterSeconds`
 * when the subgraph said when to come back. The gateway then leaves
 * exactly those fields null, and nothing else.
 */
export function unavailableErrors(
  subgraph: string,
  document: DocumentNode | undefined,
  variables: Record<string, unknown> | undefined,
  details: { retryAfterSeconds?: number } = {},
): GraphQLFormattedError[] {
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', subgraph, ...(details.retryAfterSeconds !== undefined ? { retryAfterSeconds: details.retryAfterSeconds } : {}) };
  const error = (path?: ReadonlyArray<string | number>): GraphQLFormattedError => ({
    message: 'A part of the graph could not be reached; its fields are null.',
    ...(path ? { path } : {}),
    extensions,
  });
  const root = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!root || root.kind !== Kind.OPERATION_DEFINITION) return [error()];
  const representations = variables?.representations;
  const entities = root.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (!Array.isArray(representations) || entities?.kind !== Kind.FIELD || !entities.selectionSet) {
    return responseKeys(root.selectionSet, undefined).map((key) => error([key]));
  }
  const errors: GraphQLFormattedError[] = [];
  representations.forEach((representation, index) => {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    const own = responseKeys(entities.selectionSet!, typeof typename === 'string' ? typename : undefined);
    for (const key of own.length > 0 ? own : responseKeys(entities.selectionSet!, undefined)) {
      if (errors.length < MAX_ERRORS_PER_FETCH) errors.push(error(['_entities', index, key]));
    }
  });
  return errors.length > 0 ? errors : [error()];
}

/** The response keys a selection fills on an object of `typename` (any type when unknown), `__typename` aside. */
function responseKeys(set: SelectionSetNode, typename: string | undefined): string[] {
  const keys = new Set<string>();
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT && (!typename || !selection.typeCondition || selection.typeCondition.name.value === typename)) {
      for (const key of responseKeys(selection.selectionSet, typename)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * Whether a parsed body is a GraphQL response the gateway can merge: an object with `data` (an
 * object or null) and/or an `errors` list, and for an entity fetch an `_entities` list with one
 * entry per representation sent (`entities`; undefined for a root fetch). Anything else is
 * garbage, however it arrived.
 */
export function isMergeableResponse(body: unknown, entities: number | undefined): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (errors !== undefined && !Array.isArray(errors)) return false;
  if (data === undefined || data === null) return Array.isArray(errors) && errors.length > 0;
  if (typeof data !== 'object' || Array.isArray(data)) return false;
  if (entities === undefined) return true;
  const received = (data as { _entities?: unknown })._entities;
  return Array.isArray(received) && received.length === entities;
}
