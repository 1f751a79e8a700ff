import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, GraphQLError, visit } from 'graphql';

/**
 * Refuses an operation that writes a number no double holds (`value: 1e400`, or a 400-digit
 * integer where a Float goes) with BAD_USER_INPUT and HTTP 400. graphql-js checks a Float literal
 * by parsing it, and Infinity passes; the query planner then fails on it and Apollo answers 500.
 * The same number as a variable is refused by graphql-js's own coercion. Runs once the operation
 * is resolved, before it is planned; the message does not quote the number.
 */
export function useFiniteNumberLiterals(): ApolloServerPlugin {
  // Apollo hands every request of one document text the same parsed document: walked once.
  const checked = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          let refused = checked.get(document);
          if (refused === undefined) {
            refused = hasNonFiniteNumber(document);
            checked.set(document, refused);
          }
          if (refused) {
            throw new GraphQLError('A number in the operation is too large to be a Float.', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
        },
      };
    },
  };
}

export function hasNonFiniteNumber(document: DocumentNode): boolean {
  let found = false;
  const check = (node: { value: string }) => {
    if (Number.isFinite(Number(node.value))) return undefined;
    found = true;
    return BREAK;
  };
  visit(document, { FloatValue: check, IntValue: check });
  return found;
}
