import { createHash } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { joinGraphsOf } from './join-graphs';
import { LinkedNames } from './linked-names';
import { SubgraphUrlError, type SubgraphUrls } from './subgraph-urls';
import { readSupergraphFacts, type SupergraphFacts } from './supergraph-facts';

/** Why a supergraph was not taken: not GraphQL, not a valid Federation 2 supergraph, or URLs the gateway will not call. */
export type RejectionReason = 'parse' | 'invalid' | 'urls';

/** A supergraph the gateway will not serve, with why, in words an operator acts on. */
export class SupergraphRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
    /** For `urls`: the `SUBGRAPH_<NAME>_URL` that would fix it. */
    readonly variable?: string,
  ) {
    super(message);
    this.name = 'SupergraphRejected';
  }
}

/** A supergraph checked whole and ready to hand to the gateway, with everything our rules read from it. */
export interface PreparedSupergraph {
  sdl: string;
  /** SHA-256 of the text, hex: what `/readyz` and the logs name it by (Apollo's composition id too). */
  sha256: string;
  /** The subgraphs it names and where the gateway calls each. */
  subgraphUrls: ReadonlyMap<string, string>;
  /** The schema clients of it see. */
  apiSchema: GraphQLSchema;
  facts: SupergraphFacts;
}

/** SHA-256 of a supergraph's text, hex. */
export function supergraphHash(sdl: string): string {
  return createHash('sha256').update(sdl, 'utf8').digest('hex');
}

/**
 * Checks a supergraph as far as serving it needs, before the gateway is given it: it parses, it
 * is a valid Federation 2 supergraph (Apollo's own validation, which composes its subgraphs back
 * out of it), its API schema builds, every subgraph has a URL the gateway will call, and the
 * facts our rules read come out of it. Throws `SupergraphRejected` otherwise, so a bad file
 * never reaches the running gateway, whose own update would leave it half-changed on some faults.
 */
export function prepareSupergraph(sdl: string, urls: SubgraphUrls): PreparedSupergraph {
  const { document, subgraphUrls } = readSubgraphUrls(sdl, urls);
  let apiSchema: GraphQLSchema;
  try {
    const supergraph = Supergraph.build(document, { validateSupergraph: true });
    if (supergraph.subgraphsMetadata().length === 0) throw new Error('it names no subgraph');
    apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
  } catch (error) {
    throw new SupergraphRejected('invalid', `not a valid Federation 2 supergraph: ${(error as Error).message}`);
  }
  return { sdl, sha256: supergraphHash(sdl), subgraphUrls, apiSchema, facts: readSupergraphFacts(sdl, apiSchema) };
}

/**
 * The first, cheap part of `prepareSupergraph`: the supergraph parses, and where each of its
 * subgraphs would be called. Configuration runs it at start to name the variable to set.
 */
export function readSubgraphUrls(sdl: string, urls: SubgraphUrls): { document: DocumentNode; subgraphUrls: Map<string, string> } {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw new SupergraphRejected('parse', `not GraphQL: ${error instanceof GraphQLError ? error.message : String(error)}`);
  }
  try {
    return { document, subgraphUrls: urls.resolve(joinGraphsOf(document, new LinkedNames(document))) };
  } catch (error) {
    if (error instanceof SubgraphUrlError) throw new SupergraphRejected('urls', error.message, error.variable);
    throw error;
  }
}
