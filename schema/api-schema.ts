import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

/**
 * The API schema of a supergraph, printed: what its clients see, query and introspect (no
 * federation machinery, nothing @inaccessible). Schema checks diff it and validate operations
 * against it; throws Apollo's error if the supergraph hides what visible elements still use.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}
