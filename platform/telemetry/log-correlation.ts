import { isSpanContextValid, trace } from '@opentelemetry/api';

/** What a log line says of the span it was written in. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
  trace_flags?: string;
}

/**
 * The active span's ids in the names OpenTelemetry gives them in logs, so a log line leads to its
 * trace; empty when no span is active (tracing off, or outside any request). A new object each
 * time: pino's mixin merges the line's own fields into what it is given.
 */
export function activeTraceFields(): TraceFields {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: spanContext.traceFlags.toString(16).padStart(2, '0') };
}
