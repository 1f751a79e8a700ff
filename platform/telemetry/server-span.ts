import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

const TRACEPARENT = 'traceparent';
/** Methods named as they are; anything else a client sends is `_OTHER`, as the HTTP conventions say. */
const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'HEAD', 'OPTIONS']);

/**
 * Runs `handle` inside a server span for one HTTP request on `path`, the child of the caller's
 * span when it sent a W3C `traceparent` (a client's own trace, or the gateway's fetch span on a
 * subgraph). Only `traceparent` is read: `tracestate` is vendor data a client could fill with
 * anything, and it would travel on to every hop. The span is named `<METHOD> <path>` until an
 * operation names it (useOperationSpanName), and records the status the response went out with.
 */
export async function inServerSpan(tracer: Tracer, path: string, req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  const header = req.headers[TRACEPARENT];
  const parent = typeof header === 'string' ? propagation.extract(ROOT_CONTEXT, { [TRACEPARENT]: header }) : ROOT_CONTEXT;
  const method = req.method && KNOWN_METHODS.has(req.method) ? req.method : '_OTHER';
  const span = tracer.startSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } }, parent);
  try {
    await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}
