import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequestScope } from '../request-scope';

/**
 * Marks an answer that contains data served from the stale-if-error cache: adds
 * `extensions.stale: [{ system, asOf }]`, one entry per legacy system that failed and was stood in
 * for, with the time the data is from. Clients show "as of …"; a fresh answer has no such key.
 *
 * Reads the request scope, so it works only behind `graphqlHandler` (which opens the scope). A
 * subgraph mounts it for what its own transport served stale; the gateway mounts it too and feeds
 * the scope from each subgraph's `extensions.stale` (see `absorbStaleExtension`).
 */
export function staleReadsPlugin<TContext extends BaseContext = BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const stale = currentRequestScope()?.staleReads;
          if (!stale?.length) return;
          const marks = stale.map((read) => ({ system: read.system, asOf: read.asOf }));
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale: marks };
          } else {
            response.body.initialResult.extensions = { ...response.body.initialResult.extensions, stale: marks };
          }
        },
      };
    },
  };
}
