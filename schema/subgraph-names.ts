/** The subgraphs of the resident graph, in the order they are composed. */
export const SUBGRAPH_NAMES = ['residents', 'health', 'school', 'housing', 'parking', 'payments'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/**
 * The URL written into the supergraph for a subgraph. It is a placeholder: the gateway maps each
 * subgraph name to the URL its configuration gives, so one supergraph serves every deployment.
 */
export function placeholderUrl(name: string): string {
  return `http://${name}.subgraphs.internal/graphql`;
}
