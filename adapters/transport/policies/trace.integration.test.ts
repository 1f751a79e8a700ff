import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { LegacyUnavailableError } from '../legacy-errors';
import { LegacyTransport } from '../legacy-transport';
import type { BreakerState } from '../transport-events';
import { callContext, liveAnswer, watchedReporter } from './testing';
import { type BreakerStates, Trace } from './trace';

describe('Trace', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('test');
  const closed: BreakerStates = { stateOf: () => ({ system: 'closed', endpoint: 'closed' }) };

  beforeAll(() => provider.register({ propagator: new W3CTraceContextPropagator() }));
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('makes one client span per call, labelled by system and endpoint, active while the call runs', async () => {
    const { reporter } = watchedReporter();
    let inside: { active: string | undefined; traceparent: string | undefined } | undefined;
    const parent = tracer.startSpan('subgraph operation');
    await context.with(trace.setSpan(context.active(), parent), () =>
      new Trace(reporter, tracer, closed).execute(callContext({ call: { method: 'GET', path: '/persons/1244', endpoint: 'GET /persons/:id' } }), async (ctx) => {
        const headers: Record<string, string> = {};
        propagation.inject(context.active(), headers);
        inside = { active: trace.getActiveSpan()?.spanContext().spanId, traceparent: headers.traceparent };
        ctx.attempts = 1;
        return liveAnswer();
      }),
    );
    parent.end();
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'test GET /persons/:id', kind: SpanKind.CLIENT, parentSpanContext: { spanId: parent.spanContext().spanId } });
    expect(span!.attributes).toEqual({
      'legacy.system': 'test',
      'legacy.endpoint': 'GET /persons/:id',
      'http.request.method': 'GET',
      'legacy.outcome': 'ok',
      'legacy.served': 'live',
      'http.response.status_code': 200,
      'legacy.attempts': 1,
      'legacy.retries': 0,
      'legacy.breaker': 'closed',
      'legacy.endpoint_breaker': 'closed',
    });
    // What the attempt sends as traceparent names this span; the path with its id is nowhere.
    expect(inside).toEqual({ active: span!.spanContext().spanId, traceparent: `00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01` });
    expect(JSON.stringify([span!.name, span!.attributes])).not.toContain('1244');
  });

  it('records a failure by its code, the retries it took, the last status and the breakers as they were left', async () => {
    const { reporter } = watchedReporter();
    const open: BreakerStates = { stateOf: (): { system: BreakerState; endpoint: BreakerState } => ({ system: 'half-open', endpoint: 'open' }) };
    const failure = new LegacyUnavailableError('test', 'GET /items', 503);
    await expect(
      new Trace(reporter, tracer, open).execute(callContext(), async (ctx) => {
        ctx.attempts = 3;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'LEGACY_UNAVAILABLE' });
    expect(span!.attributes).toMatchObject({
      'legacy.outcome': 'LEGACY_UNAVAILABLE',
      'legacy.served': 'none',
      'http.response.status_code': 503,
      'legacy.attempts': 3,
      'legacy.retries': 2,
      'legacy.breaker': 'half-open',
      'legacy.endpoint_breaker': 'open',
    });
  });

  it('says when a cached answer stood in, with no attempt made', async () => {
    const { reporter } = watchedReporter();
    await new Trace(reporter, tracer, closed).execute(callContext(), async () => ({ ...liveAnswer(), served: 'stale-cache' as const }));
    expect(exporter.getFinishedSpans()[0]!.attributes).toMatchObject({ 'legacy.outcome': 'ok', 'legacy.served': 'stale-cache', 'legacy.attempts': 0 });
    expect(exporter.getFinishedSpans()[0]!.attributes['http.response.status_code']).toBeUndefined();
  });

  describe('in a transport', () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    let baseUrl: string;
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("sends each call's span to the system as traceparent; without a tracer, neither span nor header", async () => {
      const traced = new LegacyTransport({ system: 'test', baseUrl, tracer });
      await traced.call({ method: 'GET', path: '/items/7', endpoint: 'GET /items/:id' });
      await traced.close();
      const [span] = exporter.getFinishedSpans();
      expect(span!.attributes).toMatchObject({ 'legacy.outcome': 'ok', 'legacy.attempts': 1, 'legacy.breaker': 'closed', 'legacy.endpoint_breaker': 'closed' });
      expect(received[0]!.traceparent).toBe(`00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`);

      exporter.reset();
      const untraced = new LegacyTransport({ system: 'test', baseUrl });
      await untraced.call({ method: 'GET', path: '/items/7', endpoint: 'GET /items/:id' });
      await untraced.close();
      expect(exporter.getFinishedSpans()).toEqual([]);
      expect(received[1]!.traceparent).toBeUndefined();
    });
  });
});
