export { graphqlHandler, type GraphQLHandlerOptions } from './graphql-handler';
export { healthz, startHttpService, type HttpService, type HttpServiceOptions, type RequestHandler } from './http-service';
export { staleReadsPlugin } from './stale-reads-plugin';
