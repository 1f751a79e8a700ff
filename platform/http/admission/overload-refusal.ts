import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CODES } from '../../errors';
import { acceptedRequestId, REQUEST_ID_HEADER } from '../../request-scope';

/** The refusal's body for each `Retry-After`, serialised once: a refusal must cost next to nothing. */
const bodies = new Map<number, string>();

function refusalBody(retryAfterSeconds: number): string {
  let body = bodies.get(retryAfterSeconds);
  if (body === undefined) {
    body = JSON.stringify({ errors: [{ message: ERROR_CODES.OVERLOADED, extensions: { code: 'OVERLOADED', retryAfterSeconds } }] });
    bodies.set(retryAfterSeconds, body);
  }
  return body;
}

/**
 * Answers a request the service will not take now: HTTP 503 with `Retry-After` and the
 * `OVERLOADED` code, as a GraphQL error body (GraphQL-over-HTTP clients read `errors` whatever the
 * status). 503, not 429: the service as a whole is full, not this caller over its share (that is
 * RATE_LIMITED). The request id is named as on every answer, and nothing of the request is echoed.
 */
export function refuseOverloaded(req: IncomingMessage, res: ServerResponse, retryAfterSeconds: number): void {
  res
    .writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfterSeconds),
      'cache-control': 'no-store',
      [REQUEST_ID_HEADER]: acceptedRequestId(req.headers[REQUEST_ID_HEADER]),
    })
    .end(refusalBody(retryAfterSeconds));
}
