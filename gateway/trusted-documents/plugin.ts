import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { graphqlError } from '../../platform/errors';
import { refuseEarly, useEarlyRefusals } from '../limits';
import type { TrustedDocuments } from './manifest';

function refused(code: 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_IN_LIST', message: string): GraphQLError {
  return graphqlError(code, message, {}, { http: true });
}

/**
 * Trusted documents: the gateway runs only operations of the manifest, named by id in
 * `extensions.persistedQuery.sha256Hash` (Apollo Client's persisted-query link sends exactly
 * that). A document sent as text is refused even when it is listed, so production never parses a
 * client's text; an id not in the manifest is refused. Codes as Apollo Router's safelisting.
 */
export function useTrustedDocuments(documents: TrustedDocuments): ApolloServerPlugin {
  const refusals = new WeakMap<object, GraphQLError>();
  const early = useEarlyRefusals(refusals);
  return {
    async requestDidStart(requestContext) {
      const { request } = requestContext;
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      const id = typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
      // Apollo's own persisted queries would register what the client sends; here the list is the only source.
      const { persistedQuery: _id, ...rest } = request.extensions ?? {};
      request.extensions = rest;
      const body = id ? documents.body(id) : undefined;
      if (body) request.query = body;
      else if (!id) refuseEarly(request, refusals, refused('PERSISTED_QUERY_NOT_IN_LIST', 'Only operations of the published list are accepted, by id.'));
      else refuseEarly(request, refusals, refused('PERSISTED_QUERY_NOT_FOUND', 'No operation of the published list has this id.'));
      return early.requestDidStart!(requestContext);
    },
  };
}
