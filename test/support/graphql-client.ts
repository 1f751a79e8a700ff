import { request } from 'undici';

/** A GraphQL answer as a client reads it, with the HTTP status. */
export interface ClientReply<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/** Posts an operation to the gateway as a frontend would. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<ClientReply<TData>> {
  const res = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await res.body.text();
  let body: object;
  try {
    body = JSON.parse(text) as object;
  } catch {
    throw new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.statusCode, ...body };
}

/** Requests each simulator served since the last reset, per system. */
export function legacyCalls(simulators: Record<string, { stats: { snapshot(): { total: number } } }>): Record<string, number> {
  return Object.fromEntries(Object.entries(simulators).map(([name, sim]) => [name, sim.stats.snapshot().total]));
}
