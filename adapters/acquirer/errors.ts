import { LegacyBadResponseError, type LegacyError, LegacyNotFoundError, LegacyRejectionError, LegacyUnavailableError } from '../transport';

export const ACQUIRER_SYSTEM = 'acquirer';

/**
 * The bank's refusals as typed errors, each with the bank's `errorCode` beside the registry code.
 * Messages are ours: the bank's own may change, and nothing of the request is repeated in them.
 */

/** errorCode 1 on register: the order number is taken. Read the order by its number. */
export class OrderNumberTakenError extends LegacyRejectionError {
  readonly bankErrorCode = '1';
  constructor(endpoint: string) {
    super(ACQUIRER_SYSTEM, endpoint, 'PAYMENT_ALREADY_REGISTERED', 'The bank already holds an order with this order number.');
  }
}

/** errorCode 6: the bank holds no such order. */
export class OrderNotFoundError extends LegacyNotFoundError {
  readonly bankErrorCode = '6';
}

/** errorCode 7 on reverse, refund or deposit: the order's state does not allow it (paid, reversed, expired, nothing left). */
export class OrderStateError extends LegacyRejectionError {
  readonly bankErrorCode = '7';
  constructor(endpoint: string) {
    super(ACQUIRER_SYSTEM, endpoint, 'PAYMENT_STATE_CONFLICT', 'The bank cannot do this to the order in its present state.');
  }
}

/**
 * errorCode 3, 4 or 5: the bank refused what we sent (a currency it does not take, a parameter
 * missing or wrong, our credentials). A fault of ours, never of the payer's: LEGACY_BAD_RESPONSE.
 */
export class AcquirerRefusedRequestError extends LegacyBadResponseError {
  constructor(
    endpoint: string,
    readonly bankErrorCode: string,
  ) {
    super(ACQUIRER_SYSTEM, endpoint, `the bank refused our request (errorCode ${bankErrorCode})`);
  }
}

/** errorCode 7 "system error" (inside HTTP 200): the bank failing, to be retried later. */
export class AcquirerSystemError extends LegacyUnavailableError {
  readonly bankErrorCode = '7';
  constructor(endpoint: string) {
    super(ACQUIRER_SYSTEM, endpoint, undefined, 'the bank reported a system error');
  }
}

/** Which call refused: errorCode 1 and 7 mean different things to each. */
export type AcquirerCallKind = 'register' | 'status' | 'change';

/** The bank's words for a failure of its own, as opposed to a state refusal (both are errorCode 7). */
const SYSTEM_ERROR = /системная ошибка|system error/i;

/** A refusal (`errorCode` other than 0) as the typed error it means for this kind of call. */
export function acquirerRefusal(endpoint: string, kind: AcquirerCallKind, errorCode: string, errorMessage: string | undefined): LegacyError {
  switch (errorCode) {
    case '1':
      return kind === 'register' ? new OrderNumberTakenError(endpoint) : new AcquirerRefusedRequestError(endpoint, errorCode);
    case '3':
    case '4':
    case '5':
      return new AcquirerRefusedRequestError(endpoint, errorCode);
    case '6':
      return new OrderNotFoundError(ACQUIRER_SYSTEM, endpoint);
    case '7':
      return kind === 'change' && !SYSTEM_ERROR.test(errorMessage ?? '') ? new OrderStateError(endpoint) : new AcquirerSystemError(endpoint);
    default:
      return new LegacyBadResponseError(ACQUIRER_SYSTEM, endpoint, `the bank answered an unknown errorCode ${errorCode}`);
  }
}
