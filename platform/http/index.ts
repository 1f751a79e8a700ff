export {
  AdmissionControl,
  type AdmissionOptions,
  type AdmissionState,
  admissionOptionsFromEnv,
  type OperationKind,
  type PriorityRules,
  queueDelayOf,
  registerAdmissionMetrics,
} from './admission';
export { type GraphQLHandlerOptions, graphqlHandler } from './graphql-handler';
export { type HttpService, type HttpServiceOptions, healthz, type RequestHandler, startHttpService } from './http-service';
export { staleReadsPlugin } from './stale-reads-plugin';
