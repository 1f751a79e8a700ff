export { DEADLINE_HEADER, DEFAULT_HOP_MARGIN_MS, formatDeadlineHeader, hopDeadline, parseDeadlineHeader } from './deadline-header';
export { acceptedRequestId, REQUEST_ID_HEADER } from './request-id';
export {
  absorbStaleExtension,
  currentRequestScope,
  type RequestScope,
  type RequestScopeInit,
  recordStaleRead,
  runInRequestScope,
  type StaleRead,
  updateRequestScope,
} from './request-scope';
