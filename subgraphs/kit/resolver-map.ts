import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';

/**
 * A subgraph's resolvers as the kit takes them: the `Resolvers` type `npm run codegen` generates
 * from the subgraph's contract (`subgraphs/<name>/generated/resolvers-types.ts`), which types
 * every parent, argument and result. What the kit checks on top is the context: every resolver in
 * the map must take the context the subgraph builds for a request, so a map written for another
 * subgraph's context is refused.
 */
export type SubgraphResolverMap<TContext> = {
  readonly [typeName: string]: GraphQLScalarType | TypeResolvers<TContext> | undefined;
};

type TypeResolvers<TContext> = {
  readonly [fieldName: string]: FieldResolver<TContext> | { resolve: FieldResolver<TContext> } | ReferenceResolver<TContext> | undefined;
};

/** Parent and arguments are the generated types' business; `never` accepts whatever they say. */
type FieldResolver<TContext> = (parent: never, args: never, context: TContext, info: GraphQLResolveInfo) => unknown;

/** `__resolveReference`: Apollo calls it with the representation, the context and the info. */
type ReferenceResolver<TContext> = (reference: never, context: TContext, info: GraphQLResolveInfo) => unknown;
