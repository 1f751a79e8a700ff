import { request } from 'undici';

/** What came back, as a client sees it: status, headers, and the body parsed when it is JSON. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
  };
}

/** Any HTTP request to a gateway or subgraph, for attacks the GraphQL client would not send. */
export async function send(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<RawReply> {
  const res = await request(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await res.body.text();
  let json: RawReply['json'];
  try {
    json = JSON.parse(text) as RawReply['json'];
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** A JSON POST of one operation, optionally with a bearer token and more headers. */
export function gql(url: string, query: string, options: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<RawReply> {
  return send(url, {
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
}

/** The error codes of a reply, in order. */
export function codes(reply: RawReply): string[] {
  return (reply.json?.errors ?? []).map((e) => String(e.extensions?.code));
}
