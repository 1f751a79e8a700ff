export {
  describeError,
  ERROR_CODES,
  graphqlError,
  isErrorCode,
  isRegisteredCode,
  SERVER_ERROR_CODES,
  type ErrorCode,
  type ErrorCodeDefinition,
  type ErrorDetails,
  type GraphQLErrorOptions,
} from './error-codes';
