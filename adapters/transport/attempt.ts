import { context, propagation } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { markOurs, markUnreachable } from './failure-kind';
import type { QueryValue } from './legacy-call';
import { isLegacyError, type LegacyError, LegacyRateLimitedError, LegacyTimeoutError, LegacyUnavailableError } from './legacy-errors';
import type { Answer, CallContext, Terminal } from './policy';
import type { Reporter } from './reporter';

/** undici's own timeouts: the system did not answer in time, as surely as at our deadline. */
const TIMEOUT_CODES: ReadonlySet<unknown> = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface AttemptOptions {
  /** Where the system lives; its path is a prefix to every call's. */
  baseUrl: URL;
  dispatcher: Dispatcher;
  /** An attempt begun with less time than this says nothing about the system when it times out. */
  minAttemptMs: number;
  /** The longest `Retry-After` believed, in s. */
  maxRetryAfterSeconds: number;
}

/**
 * One request to the system over the transport's undici dispatcher (a keep-alive Pool), ended by
 * the call's deadline signal, its status read and its body decoded. 2xx and 4xx go to the
 * adapter's decoder, because each system has its own habits there; 5xx and 429 are failures of the
 * system whatever it is. A failure to get an answer becomes a LegacyError that keeps undici's error
 * as its `cause`.
 */
export class Attempt implements Terminal {
  private readonly origin: string;
  private readonly prefix: string;

  constructor(
    private readonly reporter: Reporter,
    private readonly options: AttemptOptions,
  ) {
    this.origin = options.baseUrl.origin;
    this.prefix = options.baseUrl.pathname.replace(/\/$/, '');
  }

  async execute<T>(ctx: CallContext<T>): Promise<Answer<T>> {
    const { call } = ctx;
    const { system } = this.reporter;
    ctx.attempts++;
    const started = performance.now();
    const budget = ctx.deadline - Date.now();
    if (budget <= 0) throw markOurs(new LegacyTimeoutError(system, call.endpoint, 0));
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let body: string;
    try {
      const response = await this.options.dispatcher.request({
        origin: this.origin,
        method: call.method,
        path: this.prefix + call.path + queryString(call.query),
        headers: outgoingHeaders(call.headers, ctx.requestId),
        body: call.body,
        signal: ctx.signal,
      });
      status = response.statusCode;
      headers = response.headers;
      body = await response.body.text();
    } catch (error) {
      throw this.failure(error, ctx, budget);
    }
    this.reporter.logger?.debug({ system, endpoint: call.endpoint, status, attempt: ctx.attempts, ms: Math.round((performance.now() - started) * 10) / 10 }, 'legacy call');
    if (status === 429) throw this.rateLimited(call.endpoint, headers['retry-after']);
    if (status >= 500 && !call.passStatuses?.includes(status)) throw new LegacyUnavailableError(system, call.endpoint, status);
    const reply = { status, headers, body };
    return { value: ctx.decode(reply), reply, served: 'live' };
  }

  /** What a request that got no answer means, with undici's error kept as the cause. */
  private failure(error: unknown, ctx: CallContext<unknown>, budget: number): LegacyError {
    if (isLegacyError(error)) return error;
    const { system } = this.reporter;
    const { endpoint } = ctx.call;
    if (ctx.signal.aborted) {
      const timeout = new LegacyTimeoutError(system, endpoint, Math.round(budget), undefined, { cause: error });
      // An attempt given almost no time says nothing about the system.
      return budget < this.options.minAttemptMs ? markOurs(timeout) : timeout;
    }
    const code = (error as { code?: unknown } | null)?.code;
    return markUnreachable(
      TIMEOUT_CODES.has(code)
        ? new LegacyTimeoutError(system, endpoint, Math.round(budget), undefined, { cause: error })
        : new LegacyUnavailableError(system, endpoint, undefined, undefined, { cause: error }),
    );
  }

  /** A 429: how long the system asked us to wait (believed up to a cap); the hold policy acts on it. */
  private rateLimited(endpoint: string, header: string | string[] | undefined): LegacyRateLimitedError {
    const asked = retryAfterSeconds(header);
    return new LegacyRateLimitedError(this.reporter.system, endpoint, asked === undefined ? undefined : Math.min(asked, this.options.maxRetryAfterSeconds));
  }
}

/**
 * The call's own headers, the request id, and the W3C `traceparent` of the legacy call's span when
 * tracing is on (the Trace policy made it active); with tracing off the global propagator is a
 * no-op and adds nothing.
 */
function outgoingHeaders(headers: Record<string, string> | undefined, requestId: string | undefined): Record<string, string> {
  const sent = requestId ? { ...headers, 'x-request-id': requestId } : { ...headers };
  propagation.inject(context.active(), sent);
  return sent;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `Retry-After` in seconds, from either of its forms (seconds, or an HTTP date). */
function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
