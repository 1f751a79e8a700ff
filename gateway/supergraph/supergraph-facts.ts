import { buildASTSchema, type GraphQLSchema, parse } from 'graphql';
import { CostDirectives } from './cost-directives';
import { type JoinFieldsByType, type JoinSelectionsByType, joinSelectionsByType, responseKeysOf } from './join-fields';
import { LinkedNames } from './linked-names';
import { PublicSurface } from './public-surface';

/** What the gateway's own rules read from the supergraph it serves, worked out once per load. */
export interface SupergraphFacts {
  /** Response keys the query planner fills itself, per type (see `joinFieldsByType`). */
  joinFields: JoinFieldsByType;
  /** What the planner fetches at each of those keys, arguments included (see `joinSelectionsByType`). */
  joinSelections: JoinSelectionsByType;
  /** The `@cost` / `@listSize` weights the demand limit prices operations with. */
  cost: CostDirectives;
  /** What a client may be told about the schema, and what not. */
  surface: PublicSurface;
}

/** Reads the facts of any Federation 2 supergraph (join v0.3+, cost v0.1 when present). */
export function readSupergraphFacts(supergraphSdl: string, apiSchema: GraphQLSchema): SupergraphFacts {
  // Kept as long as the supergraph is served: without the source locations of every token (~4 MB
  // of the gateway's heap for this city's supergraph, measured), which nothing here reads.
  const document = parse(supergraphSdl, { noLocation: true });
  const names = new LinkedNames(document);
  const supergraph = buildASTSchema(document, { assumeValidSDL: true });
  const joinSelections = joinSelectionsByType(supergraph, names);
  return {
    joinFields: responseKeysOf(joinSelections),
    joinSelections,
    cost: new CostDirectives(supergraph, names),
    surface: new PublicSurface(apiSchema, supergraph),
  };
}

/**
 * The facts of the supergraph being served, replaced whenever the gateway serves another (its
 * `ReloadableSupergraph` calls `use` from the gateway's `onSchemaLoadOrUpdate`), so validation
 * rules, the demand limit and the error formatter always judge by the schema the request is
 * planned against.
 */
export class LoadedSupergraph {
  private facts: SupergraphFacts | undefined;

  use(facts: SupergraphFacts): void {
    this.facts = facts;
  }

  /** The facts; a request is served only after the gateway has loaded its schema. */
  get current(): SupergraphFacts {
    if (!this.facts) throw new Error('no supergraph loaded yet');
    return this.facts;
  }

  /** The facts, or `undefined` before the first load (an error formatted during start-up). */
  get loaded(): SupergraphFacts | undefined {
    return this.facts;
  }
}
