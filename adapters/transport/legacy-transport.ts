import { Pool, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import {
  LegacyBadResponseError,
  LegacyError,
  LegacyRateLimitedError,
  LegacyTimeoutError,
  LegacyUnavailableError,
} from './legacy-errors';

export interface LegacyTransportOptions {
  /** The system's short name; it labels errors, logs and metrics. */
  system: string;
  /** Where the system lives (`http://127.0.0.1:8101`); a path prefix is kept. */
  baseUrl: string;
  /**
   * Deadline of one call in milliseconds, connection included. Shorter than the subgraph's own
   * request budget so a hung system fails its fields, not the whole answer. Default 2000.
   */
  timeoutMs?: number;
  /** Keep-alive sockets to the system; also caps concurrent calls to it. Default 32. */
  connections?: number;
  /** Injected in tests (undici `MockAgent`); by default a keep-alive `Pool` of its own. */
  dispatcher?: Dispatcher;
  logger?: Logger;
}

/** Query values; `undefined` leaves the parameter out, arrays repeat it. */
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number>;

export interface LegacyCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /**
   * A label for the endpoint without ids or query values (`GET /persons/:id`). Logs, metrics and
   * errors use it; the real path may carry personal data and never leaves the transport.
   */
  endpoint: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: string;
  /** Propagated as `x-request-id` so one request can be followed through every hop. */
  requestId?: string;
  /** An absolute deadline (epoch ms) from the caller; the call ends by the earlier of it and `timeoutMs`. */
  deadline?: number;
  /**
   * 5xx statuses handed back to the adapter instead of failing the call, for protocols that put
   * the reason in the body: SOAP 1.1 sends every fault, client or server, as HTTP 500.
   */
  passStatuses?: ReadonlyArray<number>;
}

export interface LegacyReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The one way adapters talk to a legacy system: a keep-alive pool, a deadline on every call,
 * the request id, and transport failures turned into typed `LegacyError`s. 2xx and 4xx replies are
 * handed back for the adapter to interpret, because each system has its own habits there; 5xx and
 * 429 are failures of the system whatever it is.
 */
export class LegacyTransport {
  readonly system: string;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: Logger | undefined;

  constructor(options: LegacyTransportOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${options.system}: baseUrl must be http(s), got ${url.protocol}`);
    const timeoutMs = options.timeoutMs ?? 2000;
    if (!(timeoutMs > 0)) throw new Error(`${options.system}: timeoutMs must be positive`);
    const connections = options.connections ?? 32;
    if (!Number.isInteger(connections) || connections < 1) throw new Error(`${options.system}: connections must be a positive integer`);
    this.system = options.system;
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.logger = options.logger;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Pool(url.origin, { connections, keepAliveTimeout: 30_000 });
  }

  async call(call: LegacyCall): Promise<LegacyReply> {
    const started = performance.now();
    const budget = call.deadline === undefined ? this.timeoutMs : Math.min(this.timeoutMs, call.deadline - Date.now());
    if (budget <= 0) throw new LegacyTimeoutError(this.system, call.endpoint, 0);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budget);
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        method: call.method,
        path: this.prefix + call.path + queryString(call.query),
        headers: call.requestId ? { ...call.headers, 'x-request-id': call.requestId } : call.headers,
        body: call.body,
        signal: controller.signal,
      });
      const body = await response.body.text();
      const reply: LegacyReply = { status: response.statusCode, headers: response.headers, body };
      this.logger?.debug({ system: this.system, endpoint: call.endpoint, status: reply.status, ms: elapsed(started) }, 'legacy call');
      if (reply.status === 429) throw new LegacyRateLimitedError(this.system, call.endpoint, retryAfter(reply.headers['retry-after']));
      if (reply.status >= 500 && !call.passStatuses?.includes(reply.status)) throw new LegacyUnavailableError(this.system, call.endpoint, reply.status);
      return reply;
    } catch (error) {
      const failure = this.classify(error, call.endpoint, controller.signal.aborted, budget);
      this.logger?.warn({ system: this.system, endpoint: call.endpoint, code: failure.code, ms: elapsed(started) }, 'legacy call failed');
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Parses a JSON body, or fails as a bad response without quoting it. */
  parseJson(reply: LegacyReply, endpoint: string): unknown {
    try {
      return JSON.parse(reply.body) as unknown;
    } catch {
      throw new LegacyBadResponseError(this.system, endpoint, reply.body.length === 0 ? 'empty body' : 'body is not JSON');
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private classify(error: unknown, endpoint: string, timedOut: boolean, budget: number): LegacyError {
    if (error instanceof LegacyError) return error;
    if (timedOut) return new LegacyTimeoutError(this.system, endpoint, Math.round(budget));
    const code = (error as { code?: string }).code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new LegacyTimeoutError(this.system, endpoint, Math.round(budget));
    }
    return new LegacyUnavailableError(this.system, endpoint);
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const elapsed = (started: number): number => Math.round((performance.now() - started) * 10) / 10;
