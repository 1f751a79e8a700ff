import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type ASTVisitor, type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { LoadedSupergraph } from '../supergraph';
import { useDemandLimit } from './demand-limit';
import { useFiniteNumberLiterals } from './finite-number-literals';
import { noAliasOverJoinFields } from './join-field-aliases';
import { knownOperationTypes } from './known-operation-types';

/** What one operation may ask of the graph. */
export interface QueryLimits {
  /** Nesting of fields; the dashboard needs 5. */
  maxDepth: number;
  /** graphql-armor's cost (objects 2, scalars 1, times 1.5 per level); the dashboard costs 293. */
  maxCost: number;
  /**
   * What an operation may cost the systems behind the graph, priced by the supergraph's `@cost`
   * and `@listSize` (for our subgraphs: legacy calls; see `estimateDemand`); the dashboard costs 36.
   */
  maxDemand: number;
  /** Aliases in one operation, `__typename` counted like any other. */
  maxAliases: number;
  /** Lexical tokens of the document. */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** The document's size in bytes, before it is parsed. */
  maxQueryBytes: number;
  /** Items of any list argument, written in the document or passed as a variable. */
  maxListLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 1000,
  maxDemand: 50,
  maxAliases: 10,
  maxTokens: 1000,
  maxDirectives: 10,
  maxQueryBytes: 16 * 1024,
  maxListLength: 100,
};

/** What Apollo Server takes to enforce the limits. */
export interface QueryProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** graphql-js counts tokens while parsing and stops at the limit; a refusal is a parse error (400). */
  parseOptions: { maxTokens: number };
}

/**
 * graphql-armor for depth, cost, aliases and directives (and, in production, hidden field
 * suggestions), graphql-js's own token limit (armor's throws from a plugin hook, which Apollo
 * answers with 500), plus what armor lacks: a cap on the document's size, a cap on list arguments,
 * a refusal of circular introspection and of number literals no double holds, and, read from the
 * supergraph being served, a refusal of aliases over the fields the planner joins on and a limit
 * on what the operation costs the systems behind the graph. Limits are stated in development, not
 * in production.
 */
export function queryProtection(limits: QueryLimits, options: { production: boolean; supergraph: LoadedSupergraph }): QueryProtection {
  const { supergraph } = options;
  const expose = !options.production;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: expose, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: expose },
    // No exemption for __typename: a thousand aliased __typename are a thousand fields to plan.
    maxAliases: { n: limits.maxAliases, allowList: [], exposeLimits: expose },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: expose },
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  return {
    plugins: [
      useQuerySizeLimits(limits),
      ...armor.plugins,
      useFiniteNumberLiterals(),
      useDemandLimit({ maxDemand: limits.maxDemand, directives: () => supergraph.current.cost, exposeLimit: expose }),
    ],
    validationRules: [
      ...armor.validationRules,
      noCircularIntrospection,
      knownOperationTypes,
      maxListLiteral(limits.maxListLength),
      noAliasOverJoinFields(() => supergraph.current.joinSelections),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * Refuses a request from a plugin with a proper client error. Apollo answers an error thrown
 * before the operation is resolved with 500, so the request's document is swapped for a trivial
 * one (nothing of the client's is parsed) and the refusal is thrown once the operation is
 * resolved, where Apollo honours the error's code and HTTP status. Nothing is executed.
 */
export function refuseEarly(request: { query?: string }, refusals: WeakMap<object, GraphQLError>, error: GraphQLError): void {
  request.query = '{ __typename }';
  refusals.set(request, error);
}

export function useEarlyRefusals(refusals: WeakMap<object, GraphQLError>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const refusal = refusals.get(request);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

function tooLarge(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** The document's size before parsing, and the length of lists passed as variables. */
function useQuerySizeLimits(limits: QueryLimits): ApolloServerPlugin {
  const refusals = new WeakMap<object, GraphQLError>();
  const early = useEarlyRefusals(refusals);
  return {
    async requestDidStart(requestContext) {
      const { request } = requestContext;
      if (typeof request.query === 'string' && Buffer.byteLength(request.query, 'utf8') > limits.maxQueryBytes) {
        refuseEarly(request, refusals, tooLarge(`The operation is larger than ${limits.maxQueryBytes} bytes.`));
      } else if (request.variables && longestList(request.variables) > limits.maxListLength) {
        refuseEarly(request, refusals, tooLarge(`A list argument has more than ${limits.maxListLength} items.`));
      }
      return early.requestDidStart!(requestContext);
    },
  };
}

function longestList(value: unknown, depth = 0): number {
  if (depth > 20 || value === null || typeof value !== 'object') return 0;
  const items = Array.isArray(value) ? value : Object.values(value);
  let longest = Array.isArray(value) ? value.length : 0;
  for (const item of items) longest = Math.max(longest, longestList(item, depth + 1));
  return longest;
}

function maxListLiteral(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    ListValue(node) {
      if (node.values.length > max) context.reportError(new GraphQLError(`A list argument has more than ${max} items.`, { nodes: [node] }));
    },
  });
}

/** Introspection fields that lead from a type back to types; one of each on a path is all a client needs. */
const INTROSPECTION_LOOPS = new Set(['fields', 'inputFields', 'interfaces', 'possibleTypes', 'types']);

/**
 * Refuses introspection that walks a loop (`types { fields { type { fields { ... } } } }`), the
 * circular introspection attack: the standard introspection query visits each of these once per
 * path, fragments included, so it passes.
 */
export const noCircularIntrospection: ValidationRule = (context) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  // Fragments are walked once per place they are spread; the budget stops a fragment fan-out.
  let budget = 5_000;
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>, spreads: ReadonlySet<string>, inIntrospection: boolean): boolean => {
    for (const selection of set.selections) {
      if (--budget < 0) return false;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const introspecting = inIntrospection || name === '__schema' || name === '__type';
        if (introspecting && INTROSPECTION_LOOPS.has(name) && seen.has(name)) return false;
        const next = introspecting && INTROSPECTION_LOOPS.has(name) ? new Set([...seen, name]) : seen;
        if (selection.selectionSet && !walk(selection.selectionSet, next, spreads, introspecting)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet, seen, spreads, inIntrospection)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        // Fragment cycles are refused by GraphQL's own rules; here they only must not loop.
        if (!fragment || spreads.has(fragment.name.value)) continue;
        if (!walk(fragment.selectionSet, seen, new Set([...spreads, fragment.name.value]), inIntrospection)) return false;
      }
    }
    return true;
  };

  return {
    OperationDefinition(node) {
      if (!walk(node.selectionSet, new Set(), new Set(), false)) {
        context.reportError(new GraphQLError('Introspection may not walk a loop of types, nor fragments fan out without end.', { nodes: [node] }));
      }
    },
  };
};
