import { request } from 'undici';

/** A GraphQL error as a subgraph sent it. */
export interface ReceivedError {
  message?: unknown;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What one call to the subgraph under test gave, as the gateway would see it. */
export interface CallOutcome {
  /** What the call was, for the report (`_entities without a credential`). */
  label: string;
  elapsedMs: number;
  /** Set when no HTTP answer came: the time ran out, or the connection failed. */
  failure?: 'timeout' | 'unreachable';
  status?: number;
  data?: Record<string, unknown> | null;
  errors?: ReceivedError[];
  /** The body, when it was not a GraphQL JSON answer. */
  unparsed?: boolean;
}

export interface SubgraphCallOptions {
  url: string;
  label: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The `x-internal-credential` header to send; none when absent. */
  credential?: string;
  /** The stated time: the call is cut off at it. */
  maxMs: number;
}

/**
 * Posts one GraphQL operation as the gateway does (JSON, the internal credential header, a
 * request id), timing it and cutting it off at the stated time. Never throws: an unreachable or
 * silent subgraph is a finding, not a crash of the check.
 */
export async function callSubgraph(options: SubgraphCallOptions): Promise<CallOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const res = await request(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': `conformance-${Date.now().toString(36)}`,
        ...(options.credential ? { 'x-internal-credential': options.credential } : {}),
      },
      body: JSON.stringify({ query: options.query, ...(options.variables ? { variables: options.variables } : {}) }),
      signal: AbortSignal.timeout(options.maxMs),
    });
    const text = await res.body.text();
    const outcome: CallOutcome = { label: options.label, elapsedMs: elapsed(), status: res.statusCode };
    try {
      const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: ReceivedError[] };
      if (body.data !== undefined) outcome.data = body.data;
      if (Array.isArray(body.errors)) outcome.errors = body.errors;
    } catch {
      outcome.unparsed = true;
    }
    return outcome;
  } catch (error) {
    const name = (error as Error).name;
    return { label: options.label, elapsedMs: elapsed(), failure: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
}
