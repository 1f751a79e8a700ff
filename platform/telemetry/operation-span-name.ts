import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { OperationLabels } from './operation-labels';

/**
 * `useOperationSpanName`: once Apollo Server knows the operation, names the request's server span
 * after it (`query ResidentDashboard`) and records its type and label. On a subgraph that span is
 * the subgraph's operation: every legacy call it makes is its child. The name is the operation's
 * label, never what the client wrote (see OperationLabels).
 */
export function useOperationSpanName<TContext extends BaseContext>(labels: OperationLabels): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const span = trace.getActiveSpan();
          if (!span || !operation) return;
          const label = labels.label(operationName);
          span.updateName(`${operation.operation} ${label}`);
          span.setAttributes({ 'graphql.operation.type': operation.operation, 'graphql.operation.name': label });
        },
      };
    },
  };
}
