import { randomUUID } from 'node:crypto';

/** The header a request id travels in, from the client to the last legacy call. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A UUID as RFC 9562 writes it (versions 1 to 8, the RFC's variant). Only an id of this shape is
 * taken from outside: it cannot spell a name, a birth date, an address or a SNILS in readable
 * form, so an id that reaches logs and audit rows carries nothing personal.
 */
const OPAQUE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The request id to log, audit and pass on: the given one when it is a UUID (lower-cased), else a
 * freshly minted one. Whatever else a caller sends is dropped, not kept beside it: the id is
 * written into every log line and audit row, and a free-form id is a channel for personal data.
 */
export function acceptedRequestId(given: string | string[] | undefined): string {
  const value = typeof given === 'string' ? given.trim().toLowerCase() : undefined;
  return value !== undefined && OPAQUE_ID.test(value) ? value : randomUUID();
}
