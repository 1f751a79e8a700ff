export { graphqlHandler, type GraphQLHandlerOptions } from './graphql-handler';
export { healthz, startHttpService, type HttpService, type HttpServiceOptions, type RequestHandler } from './http-service';
export { staleReadsPlugin } from './stale-reads-plugin';
export {
  AdmissionControl,
  admissionOptionsFromEnv,
  queueDelayOf,
  registerAdmissionMetrics,
  type AdmissionOptions,
  type AdmissionState,
  type OperationKind,
  type PriorityRules,
} from './admission';
