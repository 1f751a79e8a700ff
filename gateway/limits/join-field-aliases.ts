import { GraphQLError, type ValidationRule } from 'graphql';
import type { JoinFieldsByType } from '../supergraph';

/**
 * Refuses, at validation and so before any subgraph is called, a response key that takes the
 * name of a field the query planner fetches itself on that type: a `@key` or `@requires` field, or
 * `__typename`. The planner merges its own fetch and the client's selection into one response
 * object; an alias of the same name (`omsNumber: lastName`) would either receive the hidden key
 * or replace it with whatever the alias selects, and a subgraph would then act on a name as if it
 * were an OMS number. Selecting such a field under its own name, without arguments, is the same
 * field and is fine. Development and production alike.
 */
export function noAliasOverJoinFields(joinFields: () => JoinFieldsByType): ValidationRule {
  return (context) => {
    const reserved = joinFields();
    return {
      Field(node) {
        const responseKey = node.alias?.value ?? node.name.value;
        const sameField = node.name.value === responseKey && !node.arguments?.length;
        if (sameField) return;
        const parent = context.getParentType();
        if (responseKey !== '__typename' && !(parent && reserved.get(parent.name)?.has(responseKey))) return;
        // Neither the alias nor the field it shadows is named: a hidden key's name stays unsaid.
        context.reportError(
          new GraphQLError(`An alias${parent ? ` on ${parent.name}` : ''} takes the name of a field the gateway fetches itself to join the graph; choose another alias.`, {
            nodes: [node],
            extensions: { code: 'RESPONSE_KEY_RESERVED' },
          }),
        );
      },
    };
  };
}
