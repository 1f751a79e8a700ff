export {
  describeError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorCodeDefinition,
  type ErrorDetails,
  type GraphQLErrorOptions,
  graphqlError,
  isErrorCode,
  isRegisteredCode,
  SERVER_ERROR_CODES,
} from './error-codes';
