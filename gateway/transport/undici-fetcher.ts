import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, type Dispatcher, request } from 'undici';
import { DEADLINE_HEADER, parseDeadlineHeader } from '../../platform/request-scope';
import { ReceivedHeaders } from './received-headers';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface UndiciFetcherOptions {
  /** Keep-alive sockets per subgraph origin. Default 64. */
  connections?: number;
  /** A subgraph call that has not answered by then is cut. Default 10 s. */
  timeoutMs?: number;
  /** Injected in tests; by default an `Agent` of its own. */
  dispatcher?: Dispatcher;
  /** PEM: the CA that signs the subgraphs' certificates, and the gateway's client certificate for mTLS. */
  tls?: { ca?: string; cert?: string; key?: string };
}

/**
 * The gateway's subgraph fetcher: `undici.request` over a keep-alive pool per subgraph.
 * The stock fetcher (make-fetch-happen) opens unlimited sockets and has no deadline, and was
 * measured about 3× slower here on the same query.
 */
export function createUndiciFetcher(options: UndiciFetcherOptions = {}): Fetcher & { close(): Promise<void> } {
  const dispatcher =
    options.dispatcher ?? new Agent({ connections: options.connections ?? 64, keepAliveTimeout: 30_000, pipelining: 1, ...(options.tls ? { connect: { ...options.tls } } : {}) });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetcher = async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    // A subgraph call ends by the request's deadline (the header the data source set), or by the
    // configured timeout when there is none, whichever comes first.
    const deadline = parseDeadlineHeader(init.headers?.[DEADLINE_HEADER]);
    const budget = Math.max(1, Math.min(timeoutMs, deadline === undefined ? timeoutMs : deadline - Date.now()));
    const cut = AbortSignal.timeout(budget);
    const response = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal ? AbortSignal.any([init.signal as AbortSignal, cut]) : cut,
      headersTimeout: budget,
      bodyTimeout: budget,
    });
    const body = await response.body.text();
    return new BufferedResponse(url, response.statusCode, new ReceivedHeaders(response.headers), body);
  };
  return Object.assign(fetcher, { close: () => dispatcher.close() });
}

/** A response whose body is already read: the gateway parses it once, so no stream is needed. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: ReceivedHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return String(this.status);
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.headers, this.body);
  }
}
