import { GraphQLError } from 'graphql';

/** What the registry records of one code. */
export interface ErrorCodeDefinition {
  /** What the code means, in words a client's developer acts on; also the default message. */
  readonly description: string;
  /**
   * When the graph first answered with the code (`YYYY-MM-DD`, the day the change that introduced
   * it was made): a client built against the graph before that day has never seen it.
   */
  readonly addedIn: string;
  /**
   * The HTTP status of a response refused whole with this code. Absent: the code only ever sits
   * beside the data of an answer that is otherwise served, with HTTP 200.
   */
  readonly http?: number;
}

/**
 * The one registry of error codes the graph answers with, in `extensions.code`. Clients switch on
 * these; a code once published keeps its meaning, and `addedIn` says since when a client may meet
 * it. Messages never carry personal data. The README's error table is generated from this
 * (`npm run errors:doc`), and a test fails when the two differ.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: {
    description: 'No valid token was presented: missing, expired, forged, or not from the sign-on; which of these is not told.',
    addedIn: '2026-11-21',
    http: 401,
  },
  FORBIDDEN: {
    description: "The caller may not see or change this data: the record belongs to someone the caller does not represent, or lies outside a staff member's scopes.",
    addedIn: '2026-11-21',
  },
  BAD_USER_INPUT: {
    description: 'An argument is malformed: a date, a plate, an id, a number out of range. HTTP 400 when the operation cannot run at all; never 500, and the value is never quoted back.',
    addedIn: '2026-11-21',
    http: 400,
  },
  NOT_FOUND: { description: 'The named record does not exist in the system that owns it.', addedIn: '2026-11-21' },
  RULE_VIOLATION: { description: 'The request is well-formed but a rule of the legacy system forbids it.', addedIn: '2026-11-21' },
  LEGACY_UNAVAILABLE: { description: 'The legacy system in `extensions.system` is down, refused the connection or answered 5xx.', addedIn: '2026-11-21' },
  LEGACY_TIMEOUT: { description: 'The legacy system in `extensions.system` did not answer within its deadline.', addedIn: '2026-11-21' },
  LEGACY_BAD_RESPONSE: { description: 'The legacy system in `extensions.system` answered something that is not what its protocol promises.', addedIn: '2026-11-21' },
  LEGACY_RATE_LIMITED: {
    description: 'The legacy system asked us to slow down, or this caller already has its fair share of the system in use; wait `retryAfterSeconds` when given.',
    addedIn: '2026-11-21',
  },
  INTERNAL_SERVER_ERROR: { description: 'A fault of ours; the request id in the logs tells the operators which.', addedIn: '2026-11-21' },
  RATE_LIMITED: {
    description: 'Too many requests from this caller or address; wait `retryAfterSeconds` (also the Retry-After header).',
    addedIn: '2026-11-21',
    http: 429,
  },
  OVERLOADED: {
    description:
      'The service is at capacity and refused the request at once, before doing any of its work (HTTP 503); wait `retryAfterSeconds` (also the Retry-After header). Reads are refused before mutations.',
    addedIn: '2026-11-30',
    http: 503,
  },
  AUDIT_UNAVAILABLE: { description: 'The read could not be recorded in the audit trail, so it was not served.', addedIn: '2026-11-21' },
  PERSISTED_QUERY_NOT_FOUND: { description: 'Production accepts only trusted documents: no document has this id.', addedIn: '2026-11-21', http: 400 },
  PERSISTED_QUERY_NOT_IN_LIST: { description: 'Production accepts only trusted documents by id, not operation text.', addedIn: '2026-11-21', http: 400 },
  SUBGRAPH_UNAVAILABLE: {
    description: 'A subgraph could not be reached, did not answer in time, or answered something that is not GraphQL; `extensions.subgraph` names it, and only its fields are null.',
    addedIn: '2026-11-30',
  },
  OUTSIDE_CONTRACT_VARIANT: {
    description:
      'The operation names a field, argument, type or enum value the contract variant serving this caller leaves out (`extensions.contract` names the variant: the one at `/contracts/<name>/graphql`, or the one the token selects at `/graphql`); refused at validation, nothing was called (HTTP 400).',
    addedIn: '2026-11-30',
    http: 400,
  },
  RESPONSE_KEY_RESERVED: {
    description: 'An alias takes the name of a field the gateway fetches itself to join subgraphs (a @key or @requires field, or __typename); choose another alias.',
    addedIn: '2026-11-30',
    http: 400,
  },
  COST_ESTIMATED_TOO_EXPENSIVE: {
    description: "The operation would cost the legacy systems more calls than one request may (the fields' @cost weights, lists counted by @listSize); ask for less at once.",
    addedIn: '2026-11-30',
    http: 400,
  },

  // Doctor appointments
  SLOT_TAKEN: { description: 'The appointment slot was taken by someone else; choose another.', addedIn: '2026-11-21' },
  APPOINTMENT_NOT_FOUND: { description: 'No such appointment for this patient, or it is already cancelled.', addedIn: '2026-11-21' },
  SPECIALITY_NOT_ALLOWED: { description: 'The patient may not book this speciality directly (a referral is needed).', addedIn: '2026-11-21' },

  // Meter readings
  READING_OUTSIDE_WINDOW: { description: 'Readings of this kind of meter are not taken on this day of the month.', addedIn: '2026-11-21' },
  READING_NOT_WHOLE: { description: 'Readings are whole units.', addedIn: '2026-11-21' },
  READING_NEGATIVE: { description: 'A reading cannot be negative.', addedIn: '2026-11-21' },
  READING_DECREASING: { description: 'A reading cannot be lower than the previous one.', addedIn: '2026-11-21' },
  READING_ABOVE_NORM: { description: 'The consumption implied by the reading is far above the norm.', addedIn: '2026-11-21' },
  READING_IMPLAUSIBLE: {
    description: 'The reading is beyond what the meter can show, or implies a consumption no home of its kind has (heat, electricity).',
    addedIn: '2026-11-30',
  },
  READING_ALREADY_SUBMITTED: { description: 'A reading for this meter and period was already given.', addedIn: '2026-11-21' },
  METER_VERIFICATION_EXPIRED: { description: 'The meter is past its verification date; readings are not taken remotely.', addedIn: '2026-11-21' },
  METER_NOT_FOUND: { description: 'No such meter in this home.', addedIn: '2026-11-21' },
  READING_ALREADY_BILLED: { description: 'The reading was already taken into billing and can no longer be changed.', addedIn: '2026-11-21' },
  IDEMPOTENCY_KEY_REUSED: { description: 'The idempotency key was already used for a different request; use a new key.', addedIn: '2026-11-21' },

  // Parking
  INVALID_PLATE: { description: 'Not a valid vehicle registration plate.', addedIn: '2026-11-21' },
  PARKING_ZONE_NOT_FOUND: { description: 'No paid-parking zone has this number.', addedIn: '2026-11-21' },
  INSUFFICIENT_BALANCE: { description: 'The parking account balance does not cover the session.', addedIn: '2026-11-21' },
  SESSION_NOT_FOUND: { description: 'No such active parking session.', addedIn: '2026-11-21' },
  SESSION_ALREADY_ACTIVE: { description: 'The vehicle already has an active parking session.', addedIn: '2026-11-21' },
  TOPUP_AMOUNT_OUT_OF_RANGE: { description: "A parking account top-up must be within the account's smallest and largest top-up.", addedIn: '2026-11-30' },

  // Payments
  PAYMENT_ALREADY_REGISTERED: { description: 'The bank already holds an order with this order number; read its status rather than register it again.', addedIn: '2026-11-30' },
  PAYMENT_STATE_CONFLICT: {
    description: 'The bank cannot do this to the payment in its present state (already paid, reversed, refunded or expired); read its status.',
    addedIn: '2026-11-30',
  },
  PAYMENT_CONFIRMATION_CONFLICT: { description: 'The owning system already holds a different payment under this payment id; nothing was applied.', addedIn: '2026-11-30' },
  PAYMENT_IN_PROGRESS: { description: 'The bill, fine or account already has a payment under way; see its payment, or pay again when it has ended.', addedIn: '2026-11-30' },
  PAYMENT_NOT_DUE: { description: 'Nothing is left to pay on this bill or fine.', addedIn: '2026-11-30' },
} as const satisfies Record<string, ErrorCodeDefinition>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes Apollo Server answers by itself, before any resolver of ours runs. Our code never raises
 * them (so they are not `ErrorCode`s), but clients and the gateway see them, so the registry names
 * them too, and a conformance check accepts them.
 */
export const SERVER_ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: { description: 'The operation is not valid GraphQL syntax.', addedIn: '2026-11-30', http: 400 },
  GRAPHQL_VALIDATION_FAILED: {
    description: 'The operation does not validate against the schema, or breaks a limit (depth, cost, aliases, tokens).',
    addedIn: '2026-11-30',
    http: 400,
  },
  BAD_REQUEST: {
    description: 'The HTTP request is not a GraphQL request the server takes (body, content type, missing CSRF preflight header).',
    addedIn: '2026-11-30',
    http: 400,
  },
  OPERATION_RESOLUTION_FAILURE: { description: 'The request names an operation its document does not hold, or none of several.', addedIn: '2026-11-30', http: 400 },
} as const satisfies Record<string, ErrorCodeDefinition>;

/** Whether `value` is a code of the registry: ours, or one Apollo Server answers by itself. */
export function isRegisteredCode(value: unknown): boolean {
  return isErrorCode(value) || (typeof value === 'string' && Object.hasOwn(SERVER_ERROR_CODES, value));
}

/** Extensions every error may carry besides its code; never personal data. */
export interface ErrorDetails {
  /** The legacy system the error came from (`emias`, `mesh`, ...). */
  system?: string;
  /** The argument or input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** The subgraph that failed, for SUBGRAPH_UNAVAILABLE. */
  subgraph?: string;
  /** Seconds to wait, for LEGACY_RATE_LIMITED and RATE_LIMITED. */
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** How an error is answered, besides what the client reads in its extensions. */
export interface GraphQLErrorOptions {
  /**
   * The error refuses the whole request: it is answered with this HTTP status (default: the
   * code's `http` in the registry) and these headers (`retry-after`, `www-authenticate`).
   * Absent: the error sits beside whatever data the request produced, with HTTP 200.
   */
  http?: true | { status?: number; headers?: Readonly<Record<string, string>> };
  /** What caused the error, kept for the logs as `originalError`; never sent to the client. */
  cause?: unknown;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The registry's description of `code`, as a sentence a client may be shown. */
export function describeError(code: ErrorCode): string {
  return ERROR_CODES[code].description;
}

/**
 * A GraphQL error with a registered code: the message defaults to the code's description;
 * `options.http` makes it refuse the whole request with the code's HTTP status.
 */
export function graphqlError(code: ErrorCode, message: string = describeError(code), details: ErrorDetails = {}, options: GraphQLErrorOptions = {}): GraphQLError {
  const extensions: Record<string, unknown> = { ...details, code };
  if (options.http) {
    const definition: ErrorCodeDefinition = ERROR_CODES[code];
    const http = options.http === true ? {} : options.http;
    const status = http.status ?? definition.http;
    if (status === undefined) throw new Error(`the registry gives ${code} no HTTP status, and none was given`);
    // A Map is what Apollo Server takes headers from (its HeaderMap is one); this registry stays free
    // of the server library, since adapters and simulators load it too.
    extensions.http = { status, ...(http.headers ? { headers: new Map(Object.entries(http.headers)) } : {}) };
  }
  return new GraphQLError(message, { extensions, ...(options.cause instanceof Error ? { originalError: options.cause } : {}) });
}
