import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes the graph answers with, in `extensions.code`. Clients switch on
 * these; a code once published keeps its meaning. Messages never carry personal data.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No valid token was presented.',
  FORBIDDEN: 'The caller may not see or change this data.',
  BAD_USER_INPUT: 'An argument is malformed: a date, a plate, an id, a number out of range.',
  NOT_FOUND: 'The named record does not exist in the system that owns it.',
  RULE_VIOLATION: 'The request is well-formed but a rule of the legacy system forbids it.',
  LEGACY_UNAVAILABLE: 'The legacy system is down, refused the connection or answered 5xx.',
  LEGACY_TIMEOUT: 'The legacy system did not answer within its deadline.',
  LEGACY_BAD_RESPONSE: 'The legacy system answered something that is not what its protocol promises.',
  LEGACY_RATE_LIMITED: 'The legacy system asked us to slow down, or this caller already has its fair share of the system in use; wait `retryAfterSeconds` when given.',
  INTERNAL_SERVER_ERROR: 'A fault of ours; the request id in the logs tells the operators which.',
  RATE_LIMITED: 'Too many requests from this caller or address; wait `retryAfterSeconds` (also the Retry-After header).',
  OVERLOADED:
    'The service is at capacity and refused the request at once, before doing any of its work (HTTP 503); wait `retryAfterSeconds` (also the Retry-After header). Reads are refused before mutations.',
  AUDIT_UNAVAILABLE: 'The read could not be recorded in the audit trail, so it was not served.',
  PERSISTED_QUERY_NOT_FOUND: 'Production accepts only trusted documents: no document has this id.',
  PERSISTED_QUERY_NOT_IN_LIST: 'Production accepts only trusted documents by id, not operation text.',
  SUBGRAPH_UNAVAILABLE:
    'A subgraph could not be reached, did not answer in time, or answered something that is not GraphQL; `extensions.subgraph` names it, and only its fields are null.',
  RESPONSE_KEY_RESERVED:
    'An alias takes the name of a field the gateway fetches itself to join subgraphs (a @key or @requires field, or __typename); choose another alias.',
  OUTSIDE_CONTRACT_VARIANT:
    'The operation names a field, argument, type or enum value the contract variant serving this caller leaves out (`extensions.contract` names the variant: the one at `/contracts/<name>/graphql`, or the one the token selects at `/graphql`); refused at validation, nothing was called (HTTP 400).',
  COST_ESTIMATED_TOO_EXPENSIVE:
    'The operation would cost the legacy systems more calls than one request may (the fields\' @cost weights, lists counted by @listSize); ask for less at once.',

  // Doctor appointments
  SLOT_TAKEN: 'The appointment slot was taken by someone else; choose another.',
  APPOINTMENT_NOT_FOUND: 'No such appointment for this patient, or it is already cancelled.',
  SPECIALITY_NOT_ALLOWED: 'The patient may not book this speciality directly (a referral is needed).',

  // Meter readings
  READING_OUTSIDE_WINDOW: 'Readings of this kind of meter are not taken on this day of the month.',
  READING_NOT_WHOLE: 'Readings are whole units.',
  READING_NEGATIVE: 'A reading cannot be negative.',
  READING_DECREASING: 'A reading cannot be lower than the previous one.',
  READING_ABOVE_NORM: 'The consumption implied by the reading is far above the norm.',
  READING_IMPLAUSIBLE: 'The reading is beyond what the meter can show, or implies a consumption no home of its kind has (heat, electricity).',
  READING_ALREADY_SUBMITTED: 'A reading for this meter and period was already given.',
  METER_VERIFICATION_EXPIRED: 'The meter is past its verification date; readings are not taken remotely.',
  METER_NOT_FOUND: 'No such meter in this home.',
  READING_ALREADY_BILLED: 'The reading was already taken into billing and can no longer be changed.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used for a different request; use a new key.',

  // Parking
  INVALID_PLATE: 'Not a valid vehicle registration plate.',
  PARKING_ZONE_NOT_FOUND: 'No paid-parking zone has this number.',
  INSUFFICIENT_BALANCE: 'The parking account balance does not cover the session.',
  SESSION_NOT_FOUND: 'No such active parking session.',
  SESSION_ALREADY_ACTIVE: 'The vehicle already has an active parking session.',
  TOPUP_AMOUNT_OUT_OF_RANGE: "A parking account top-up must be within the account's smallest and largest top-up.",

  // Payments
  PAYMENT_ALREADY_REGISTERED: 'The bank already holds an order with this order number; read its status rather than register it again.',
  PAYMENT_STATE_CONFLICT: 'The bank cannot do this to the payment in its present state (already paid, reversed, refunded or expired); read its status.',
  PAYMENT_CONFIRMATION_CONFLICT: 'The owning system already holds a different payment under this payment id; nothing was applied.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes Apollo Server answers by itself, before any resolver of ours runs. Our code never raises
 * them (so they are not `ErrorCode`s), but clients and the gateway see them, so the registry names
 * them too, and a conformance check accepts them.
 */
export const SERVER_ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not validate against the schema, or breaks a limit (depth, cost, aliases, tokens).',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request the server takes (body, content type, missing CSRF preflight header).',
  OPERATION_RESOLUTION_FAILURE: 'The request names an operation its document does not hold, or none of several.',
} as const;

/** Whether `value` is a code of the registry: ours, or one Apollo Server answers by itself. */
export function isRegisteredCode(value: unknown): boolean {
  return isErrorCode(value) || (typeof value === 'string' && Object.prototype.hasOwnProperty.call(SERVER_ERROR_CODES, value));
}

/** Extensions every error may carry besides its code; never personal data. */
export interface ErrorDetails {
  /** The legacy system the error came from (`emias`, `mesh`, ...). */
  system?: string;
  /** The argument or input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** The subgraph that failed, for SUBGRAPH_UNAVAILABLE. */
  subgraph?: string;
  /** Seconds to wait, for LEGACY_RATE_LIMITED, RATE_LIMITED, OVERLOADED and a subgraph that shed its fetch. */
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** A GraphQL error with a registered code. */
export function graphqlError(code: ErrorCode, message: string = ERROR_CODES[code], details: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}
