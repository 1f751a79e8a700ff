import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { request } from 'undici';
import { inServerSpan } from './server-span';

describe('inServerSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  /** What the handler saw: the active span's trace state, and the traceparent it would send on. */
  let seen: { tracestate: string | undefined; sent: Record<string, string> } | undefined;
  const server = createServer((req, res) => {
    void inServerSpan(tracer, '/graphql', req, res, async () => {
      const sent: Record<string, string> = {};
      propagation.inject(context.active(), sent);
      seen = { tracestate: trace.getActiveSpan()?.spanContext().traceState?.serialize(), sent };
      res.statusCode = req.headers['x-fail'] ? 503 : 200;
      res.end();
    });
  });
  let url: string;

  beforeAll(async () => {
    provider.register({ propagator: new W3CTraceContextPropagator() });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  const call = async (headers: Record<string, string>, method = 'POST'): Promise<void> => {
    const res = await request(url, { method: method as 'POST', headers });
    await res.body.dump();
  };

  it("continues the caller's traceparent, but carries none of its tracestate on", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await call({ traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: 'vendor=anything-a-client-wrote' });
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'POST /graphql', kind: SpanKind.SERVER, parentSpanContext: { traceId, spanId: '00f067aa0ba902b7' } });
    expect(span!.attributes).toEqual({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200 });
    expect(seen).toEqual({ tracestate: undefined, sent: { traceparent: `00-${traceId}-${span!.spanContext().spanId}-01` } });
  });

  it('starts a trace of its own when the caller sent none, or one that does not parse', async () => {
    await call({});
    await call({ traceparent: 'ff-not-a-trace-parent' });
    expect(exporter.getFinishedSpans().map((s) => s.parentSpanContext)).toEqual([undefined, undefined]);
  });

  it('marks a 5xx answer as an error, and names an unusual method by no more than _OTHER', async () => {
    await call({ 'x-fail': '1' });
    await call({}, 'PROPFIND');
    const [failed, odd] = exporter.getFinishedSpans();
    expect([failed!.status.code, failed!.attributes['http.response.status_code']]).toEqual([SpanStatusCode.ERROR, 503]);
    expect(odd!.name).toBe('_OTHER /graphql');
  });
});
