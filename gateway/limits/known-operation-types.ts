import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type (`mutation`, `subscription`) the schema has no root for.
 * graphql-js 16 validates such an operation without a word (its rule for it came in 17), and
 * execution then fails, which Apollo answers with 500; a contract variant that leaves out every
 * mutation would answer a client's mutation that way. Refused at validation instead (HTTP 400).
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`The schema has no ${node.operation} operations.`, { nodes: [node] }));
  },
});
