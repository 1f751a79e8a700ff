import { createHmac, timingSafeEqual } from 'node:crypto';
import { WireCallback } from './wire';

/** The bank's notification of a change of an order, read. */
export interface AcquirerNotification {
  orderId: string;
  orderNumber: string;
  operation: 'approved' | 'deposited' | 'reversed' | 'refunded' | 'declinedByTimeout';
  /** The callback's `status`: whether the operation it names succeeded. */
  success: boolean;
}

/**
 * Reads the bank's notification callback (`GET <our URL>?mdOrder&orderNumber&operation&status&checksum`).
 * A notification is only a hint that an order changed: whoever receives it must read the order's
 * status (`AcquirerPort.getOrderStatus`) and act on that, never on the notification, which anyone
 * who knows the URL could forge and which the bank may never send.
 *
 * With `secret` (the merchant's callback secret), the checksum must be there and match: the
 * HMAC-SHA256 of every other parameter sorted by name as `name;value;`, upper-case hex. Answers
 * null for anything that is not a well-formed notification, or whose checksum does not match.
 */
export function readAcquirerNotification(query: URLSearchParams, secret?: string): AcquirerNotification | null {
  const parsed = WireCallback.safeParse(Object.fromEntries(query));
  if (!parsed.success) return null;
  if (secret !== undefined) {
    const presented = parsed.data.checksum;
    if (presented === undefined) return null;
    const expected = checksumOf(query, secret);
    if (!timingSafeEqual(Buffer.from(presented.toUpperCase(), 'utf8'), Buffer.from(expected, 'utf8'))) return null;
  }
  return { orderId: parsed.data.mdOrder, orderNumber: parsed.data.orderNumber, operation: parsed.data.operation, success: parsed.data.status === '1' };
}

function checksumOf(query: URLSearchParams, secret: string): string {
  const names = [...new Set([...query.keys()])].filter((name) => name !== 'checksum').sort();
  const text = names.map((name) => `${name};${query.get(name) ?? ''};`).join('');
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex').toUpperCase();
}
