import { astFromValue, type FieldNode, GraphQLError, type GraphQLField, Kind, print, type ValidationRule } from 'graphql';
import type { JoinSelectionsByType } from '../supergraph';

/**
 * Refuses, at validation and so before any subgraph is called, a client selection at a response
 * key where the query planner fetches a field itself on that type, unless it is that very field:
 * a `@key` or `@requires` field, or `__typename`. The planner merges its own fetch and the
 * client's selection into one response object; an alias of the same name (`omsNumber: lastName`)
 * would either receive the hidden key or replace it with whatever the alias selects, and a
 * subgraph would then act on a name as if it were an OMS number. The same holds for the field
 * itself with other arguments: for `@requires(fields: "weight(unit: KILOGRAM)")` a client's
 * `weight` (in the default grams) is passed on as the required value, and the requiring subgraph
 * computes from grams as if they were kilograms, as a stock `@apollo/gateway` does. So a
 * selection there passes only when it is the same field with the same arguments, defaults
 * applied, as every join selection at that key. Development and production alike.
 */
export function noAliasOverJoinFields(joinSelections: () => JoinSelectionsByType): ValidationRule {
  return (context) => {
    const reserved = joinSelections();
    return {
      Field(node) {
        const responseKey = node.alias?.value ?? node.name.value;
        const parent = context.getParentType();
        if (responseKey === '__typename') {
          if (node.name.value === '__typename') return;
        } else {
          const joins = parent ? reserved.get(parent.name)?.get(responseKey) : undefined;
          if (!joins) return;
          const field = context.getFieldDef();
          if (field && joins.every((join) => join.name.value === node.name.value && argumentsOf(field, join) === argumentsOf(field, node))) return;
        }
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

/**
 * A selection's arguments as one comparable string, each argument of the field in order, given or
 * by its default. A variable stays a variable: its value is not known here, so it never equals a
 * literal.
 */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): string {
  return field.args
    .map((arg) => {
      const given = node.arguments?.find((a) => a.name.value === arg.name)?.value;
      if (given) return `${arg.name}:${given.kind === Kind.VARIABLE ? `$${given.name.value}` : print(given)}`;
      if (arg.defaultValue === undefined) return `${arg.name}:`;
      const fallback = astFromValue(arg.defaultValue, arg.type);
      return `${arg.name}:${fallback ? print(fallback) : 'null'}`;
    })
    .join(',');
}
