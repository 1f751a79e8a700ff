import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAcquirerNotification } from '../../adapters/acquirer';
import type { RequestHandler } from '../../platform/http';
import type { Logger } from '../../platform/logging';
import { runInRequestScope } from '../../platform/request-scope';

/** The path the bank notifies, on the payments subgraph's own port. */
export const ACQUIRER_CALLBACK_PATH = '/acquirer/callback';

/** What the callback needs: a way to settle a payment named by its order number, from the bank's status. */
export interface CallbackTarget {
  /** Reads the bank's status of the payment's order and moves the payment; nothing for an unknown id. */
  settle(paymentId: string): Promise<void>;
}

/**
 * The bank's notification callback (`GET …?mdOrder&orderNumber&operation&status&checksum`). It is
 * not the gateway's traffic and carries no credential of ours; it is trusted for nothing. Its
 * checksum must match the merchant's callback secret, and then it only makes us read the order's
 * status from the bank and act on that. 200 once handled (the bank does not send it twice), 400
 * for anything that is not a genuine notification, 503 when the status could not be read (the
 * reconciliation worker will poll it anyway).
 */
export function acquirerCallbackHandler(target: CallbackTarget, secret: string, logger: Logger): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    const query = new URL(req.url ?? '/', 'http://callback.local').searchParams;
    const notification = readAcquirerNotification(query, secret);
    if (!notification) {
      logger.warn('acquirer callback refused: not a genuine notification');
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('bad notification');
    }
    try {
      await runInRequestScope({ requestId: `acquirer-callback-${notification.orderNumber}`, deadline: Date.now() + 10_000, work: 'service' }, () => target.settle(notification.orderNumber));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    } catch (error) {
      logger.warn({ err: { type: (error as Error).name } }, 'acquirer callback: the order status could not be read; the reconciliation worker will');
      res.writeHead(503, { 'content-type': 'text/plain' }).end('retry later');
    }
  };
}
