import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import type { OrderChange } from './orders';

/** How many deliveries the admin endpoint keeps, newest last. */
const KEPT_DELIVERIES = 1_000;
/** A merchant that does not answer within this is counted as failed; the gateway does not wait longer. */
const DELIVERY_TIMEOUT_MS = 3_000;

/** One notification the gateway tried to send, as `GET /__admin/callbacks` lists it. */
export interface CallbackDelivery {
  orderNumber: string;
  mdOrder: string;
  operation: string;
  status: '0' | '1';
  /**
   * `delivered`: the merchant answered 2xx; `failed`: it answered otherwise or not at all;
   * `dropped`: the admin endpoint told the gateway to lose notifications; `no-url`: nobody to tell.
   */
  outcome: 'delivered' | 'failed' | 'dropped' | 'no-url' | 'pending';
  httpStatus?: number;
}

/**
 * The gateway's notification callback: `GET <callback URL>?mdOrder&orderNumber&operation&status&checksum`
 * on every change of an order, sent once and never retried here. The URL is the merchant's
 * (configured at the bank; here by option or `POST /__admin/callbacks`), or the order's own
 * `dynamicCallbackUrl`. `checksum` is the HMAC-SHA256 of the other parameters sorted by name as
 * `name;value;`, upper-case hex, keyed by the merchant's callback secret, as the real gateway
 * signs it. A notification is only a hint: the merchant must read the order's status.
 */
export class CallbackNotifier {
  private url: string | undefined;
  private drop = false;
  private readonly deliveries: CallbackDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly agent = new Agent({ connections: 8, headersTimeout: DELIVERY_TIMEOUT_MS, bodyTimeout: DELIVERY_TIMEOUT_MS });

  constructor(
    /** The secret the checksum is keyed with. */
    private readonly secret: string,
    url?: string,
  ) {
    this.url = url;
  }

  /** Where notifications go (undefined: nowhere), and whether they are lost on the way. */
  configure(settings: { url?: string | null; drop?: boolean }): void {
    if (settings.url !== undefined) this.url = settings.url === null ? undefined : checkedUrl(settings.url);
    if (settings.drop !== undefined) this.drop = settings.drop;
  }

  settings(): { url: string | null; drop: boolean } {
    return { url: this.url ?? null, drop: this.drop };
  }

  list(): CallbackDelivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Sends the notification of a change, in the background: the order's change never waits for it. */
  notify(change: OrderChange): void {
    const params: Record<string, string> = {
      mdOrder: change.order.orderId,
      orderNumber: change.order.orderNumber,
      operation: change.operation,
      status: change.success ? '1' : '0',
    };
    const delivery: CallbackDelivery = { orderNumber: params.orderNumber!, mdOrder: params.mdOrder!, operation: change.operation, status: change.success ? '1' : '0', outcome: 'pending' };
    this.keep(delivery);
    const target = change.order.dynamicCallbackUrl ?? this.url;
    if (this.drop || target === undefined) {
      delivery.outcome = this.drop ? 'dropped' : 'no-url';
      return;
    }
    const url = new URL(target);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set('checksum', callbackChecksum(params, this.secret));
    const sent = request(url, { method: 'GET', dispatcher: this.agent })
      .then(async (res) => {
        await res.body.dump();
        delivery.httpStatus = res.statusCode;
        delivery.outcome = res.statusCode >= 200 && res.statusCode < 300 ? 'delivered' : 'failed';
      })
      .catch(() => {
        delivery.outcome = 'failed';
      });
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.agent.close();
  }

  private keep(delivery: CallbackDelivery): void {
    this.deliveries.push(delivery);
    if (this.deliveries.length > KEPT_DELIVERIES) this.deliveries.shift();
  }
}

/** The callback's checksum: HMAC-SHA256 over `name;value;` for each parameter sorted by name, upper-case hex. */
export function callbackChecksum(params: Readonly<Record<string, string>>, secret: string): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'checksum')
    .sort()
    .map((name) => `${name};${params[name]};`)
    .join('');
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex').toUpperCase();
}

function checkedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('url must be an absolute http(s) URL or null');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('url must be an absolute http(s) URL or null');
  return url.toString();
}
