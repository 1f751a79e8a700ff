import { LegacyBadResponseError, type LegacyReply, type LegacyTransport, parseWire } from '../transport';
import { ACQUIRER_SYSTEM, type AcquirerCallKind, acquirerRefusal } from './errors';
import { toOrderStatus, toRegisteredOrder } from './mapper';
import type { AcquirerPort, OrderRef, OrderRegistration, OrderStatus, RegisteredOrder } from './port';
import { WireErrorReply, WireOrderStatus, WireRegisterReply } from './wire';

const PREFIX = '/payment/rest';
/** Our order number: up to 36 printable characters, as the gateway takes it. */
const ORDER_NUMBER = /^[\x21-\x7e]{1,36}$/;
/** The bank's order id: printable, bounded (a UUID at the banks seen). */
const ORDER_ID = /^[\x21-\x7e]{1,64}$/;
/** The gateway's currency code for roubles (ISO 4217). */
const RUB = '643';

/** The merchant's API credentials: a user and password, or a token, as the bank issued them. */
export type AcquirerCredentials = { userName: string; password: string } | { token: string };

export interface AcquirerClientOptions {
  /** A transport for the system named `acquirer`. */
  transport: LegacyTransport;
  credentials: AcquirerCredentials;
}

/**
 * The bank's payment gateway over its REST API: form-encoded POSTs under `/payment/rest/`, the
 * merchant's credentials in every form, JSON answers with HTTP 200 whatever happened, a refusal
 * carried by `errorCode` (see `errors.ts`). The credentials never leave the request body: not in
 * logs, errors or metrics.
 */
export class AcquirerClient implements AcquirerPort {
  private readonly transport: LegacyTransport;
  private readonly credentials: Record<string, string>;

  constructor(options: AcquirerClientOptions) {
    if (options.transport.system !== ACQUIRER_SYSTEM) throw new Error(`AcquirerClient needs a transport for "${ACQUIRER_SYSTEM}"`);
    const c = options.credentials;
    if ('token' in c ? !c.token : !c.userName || !c.password) throw new Error('AcquirerClient needs the merchant credentials');
    this.transport = options.transport;
    this.credentials = 'token' in c ? { token: c.token } : { userName: c.userName, password: c.password };
  }

  async registerOrder(order: OrderRegistration): Promise<RegisteredOrder> {
    if (!ORDER_NUMBER.test(order.orderNumber)) throw new RangeError('orderNumber must be 1..36 printable characters');
    assertKopecks(order.amountKopecks, 'amountKopecks');
    const fields: Record<string, string> = {
      orderNumber: order.orderNumber,
      amount: String(order.amountKopecks),
      currency: RUB,
      returnUrl: order.returnUrl,
      description: order.description,
    };
    if (order.failUrl !== undefined) fields.failUrl = order.failUrl;
    if (order.sessionTimeoutSeconds !== undefined) {
      if (!Number.isInteger(order.sessionTimeoutSeconds) || order.sessionTimeoutSeconds < 1) throw new RangeError('sessionTimeoutSeconds must be a whole number of seconds ≥ 1');
      fields.sessionTimeoutSecs = String(order.sessionTimeoutSeconds);
    }
    if (order.params !== undefined) fields.jsonParams = JSON.stringify(order.params);
    if (order.callbackUrl !== undefined) fields.dynamicCallbackUrl = order.callbackUrl;
    const method = order.twoStage ? 'registerPreAuth.do' : 'register.do';
    return this.post(method, fields, 'register', (payload, endpoint) => toRegisteredOrder(parseWire(WireRegisterReply, payload, ACQUIRER_SYSTEM, endpoint)));
  }

  async getOrderStatus(ref: OrderRef): Promise<OrderStatus> {
    if ('orderNumber' in ref && !ORDER_NUMBER.test(ref.orderNumber)) throw new RangeError('orderNumber must be 1..36 printable characters');
    const fields: Record<string, string> = 'orderId' in ref ? { orderId: checkedOrderId(ref.orderId) } : { orderNumber: ref.orderNumber };
    return this.post('getOrderStatusExtended.do', fields, 'status', (payload, endpoint) =>
      toOrderStatus(parseWire(WireOrderStatus, payload, ACQUIRER_SYSTEM, endpoint), endpoint, 'orderId' in ref ? ref.orderId : undefined),
    );
  }

  async reverse(orderId: string): Promise<void> {
    return this.change('reverse.do', { orderId: checkedOrderId(orderId) });
  }

  async refund(orderId: string, amountKopecks: number): Promise<void> {
    assertKopecks(amountKopecks, 'amountKopecks');
    return this.change('refund.do', { orderId: checkedOrderId(orderId), amount: String(amountKopecks) });
  }

  async deposit(orderId: string, amountKopecks?: number): Promise<void> {
    if (amountKopecks !== undefined) assertKopecks(amountKopecks, 'amountKopecks');
    // Amount 0 is the gateway's "all that is held".
    return this.change('deposit.do', { orderId: checkedOrderId(orderId), amount: String(amountKopecks ?? 0) });
  }

  /** A write that answers nothing but `errorCode` "0". An answer without one is not taken for success. */
  private change(method: string, fields: Record<string, string>): Promise<void> {
    return this.post(method, fields, 'change', (payload, endpoint) => {
      const reply = parseWire(WireErrorReply, payload, ACQUIRER_SYSTEM, endpoint);
      if (reply.errorCode !== '0') throw new LegacyBadResponseError(ACQUIRER_SYSTEM, endpoint, 'no errorCode in the answer');
    });
  }

  private post<T>(method: string, fields: Record<string, string>, kind: AcquirerCallKind, read: (payload: unknown, endpoint: string) => T): Promise<T> {
    const endpoint = `POST ${PREFIX}/${method}`;
    return this.transport.call(
      {
        method: 'POST',
        path: `${PREFIX}/${method}`,
        endpoint,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ ...this.credentials, ...fields }).toString(),
        // Only the status is a read; a register, reverse, refund or deposit is never sent twice by us.
        idempotent: kind === 'status',
      },
      (reply) => read(this.payloadOf(reply, endpoint, kind), endpoint),
    );
  }

  /** The answer's JSON once it is known not to be a refusal (those become typed errors). */
  private payloadOf(reply: LegacyReply, endpoint: string, kind: AcquirerCallKind): unknown {
    if (reply.status !== 200) throw new LegacyBadResponseError(ACQUIRER_SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
    const payload = this.transport.parseJson(reply, endpoint);
    const refusal = parseWire(WireErrorReply, payload, ACQUIRER_SYSTEM, endpoint);
    if (refusal.errorCode !== undefined && refusal.errorCode !== '0') throw acquirerRefusal(endpoint, kind, refusal.errorCode, refusal.errorMessage);
    return payload;
  }
}

function assertKopecks(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be whole kopecks above zero`);
}

function checkedOrderId(orderId: string): string {
  if (!ORDER_ID.test(orderId)) throw new RangeError('orderId must be 1..64 printable characters');
  return orderId;
}
