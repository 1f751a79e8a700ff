import { type Attributes, context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { isLegacyError, LegacyUnavailableError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';
import type { BreakerState } from '../transport-events';

/** What the trace needs of the breakers: their state as a call ends. */
export interface BreakerStates {
  stateOf(endpoint: string): { system: BreakerState; endpoint: BreakerState | undefined };
}

/**
 * One client span per legacy call, `<system> <endpoint label>`, the child of the span the call was
 * made in (the subgraph's operation), with what an operator asks of a slow or failing hop: the
 * system, the endpoint label, the outcome (`ok` or the code it failed with), attempts and retries,
 * where the answer came from, the last status the system gave, and the breakers' state as it
 * ended. The span is active while the call runs, so each attempt sends it as the `traceparent` of
 * its request and the transport's log lines carry its ids. Outermost, so the span spans
 * everything the call went through: cache, queues, backoffs and every attempt.
 *
 * Labels only, never the call's path, query or body: those carry ids, plates and names.
 */
export class Trace implements Policy {
  constructor(
    private readonly reporter: Reporter,
    private readonly tracer: Tracer,
    private readonly breakers: BreakerStates,
  ) {}

  async execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const { system } = this.reporter;
    const { endpoint, method } = ctx.call;
    const span = this.tracer.startSpan(`${system} ${endpoint}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'legacy.system': system, 'legacy.endpoint': endpoint, 'http.request.method': method },
    });
    const ended: Attributes = {};
    try {
      const answer = await context.with(trace.setSpan(context.active(), span), () => next(ctx));
      ended['legacy.outcome'] = 'ok';
      ended['legacy.served'] = answer.served;
      if (answer.served === 'live') ended['http.response.status_code'] = answer.reply.status;
      return answer;
    } catch (error) {
      const code = isLegacyError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      ended['legacy.outcome'] = code;
      ended['legacy.served'] = 'none';
      if (error instanceof LegacyUnavailableError && error.status !== undefined) ended['http.response.status_code'] = error.status;
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      throw error;
    } finally {
      const breakers = this.breakers.stateOf(endpoint);
      ended['legacy.attempts'] = ctx.attempts;
      ended['legacy.retries'] = Math.max(0, ctx.attempts - 1);
      ended['legacy.breaker'] = breakers.system;
      if (breakers.endpoint) ended['legacy.endpoint_breaker'] = breakers.endpoint;
      span.setAttributes(ended);
      span.end();
    }
  }
}
