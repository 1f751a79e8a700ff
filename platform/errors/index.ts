export { ERROR_CODES, graphqlError, isErrorCode, type ErrorCode, type ErrorDetails } from './error-codes';
