import { type DocumentNode, Kind } from 'graphql';
import { directivesNamed, stringArgument } from './directive-arguments';
import { JOIN_SPEC, type LinkedNames } from './linked-names';

/** A subgraph as a supergraph names it: `@join__graph(name:, url:)` on a value of `join__Graph`. */
export interface JoinGraph {
  /** The subgraph's name, as the query planner and `buildService` know it. */
  name: string;
  /** The URL composition wrote; a gateway may be told another (see `SubgraphUrls`). */
  url: string;
}

/**
 * Every subgraph a supergraph document names, in the order it names them. Read from the AST, so
 * the gateway can judge a supergraph's URLs before it builds anything from it.
 */
export function joinGraphsOf(document: DocumentNode, names: LinkedNames): JoinGraph[] {
  const graphDirective = names.directive(JOIN_SPEC, 'graph');
  const graphs: JoinGraph[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
    for (const value of definition.values ?? []) {
      for (const directive of directivesNamed([value], graphDirective)) {
        const name = stringArgument(directive, 'name');
        const url = stringArgument(directive, 'url');
        if (name !== undefined && url !== undefined) graphs.push({ name, url });
      }
    }
  }
  return graphs;
}
