export { ERROR_CODES, graphqlError, isErrorCode, isRegisteredCode, SERVER_ERROR_CODES, type ErrorCode, type ErrorDetails } from './error-codes';
