import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { OperationLabels } from './operation-labels';

/**
 * The attributes in which @apollo/gateway puts the operation name the client sent, on
 * `gateway.request` and `gateway.plan`. Our own spans set the label already.
 */
const OPERATION_NAME_ATTRIBUTES = ['graphql.operation.name', 'operationName'] as const;

/**
 * Rewrites an operation name the client wrote into its label (see OperationLabels) as a span
 * starts, before any exporter sees it: the spans @apollo/gateway makes carry the name as sent.
 */
export class OperationNameGuard implements SpanProcessor {
  constructor(private readonly labels: OperationLabels) {}

  onStart(span: Span, _parentContext: Context): void {
    for (const key of OPERATION_NAME_ATTRIBUTES) {
      const value = span.attributes[key];
      if (value !== undefined) span.setAttribute(key, this.labels.label(typeof value === 'string' ? value : undefined));
    }
  }

  onEnd(_span: ReadableSpan): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
