import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError, LegacyNotFoundError, type LegacyReply, type LegacyTransport, parseWire, type RenewingSession, SessionRefusedError } from '../transport';
import { EpdPaymentConflictError, kopecksToRoubles, toEpdPaymentReceipt } from './epd-payment-mapper';
import type { EpdPayment, EpdPaymentReceipt, EpdPaymentsPort } from './epd-payment-port';
import { WireEpdPaymentReply } from './epd-payment-wire';
import { HousingRetryLaterError, SYSTEM } from './errors';
import { housingSession } from './session';
import { WireRetryLater } from './wire';

const PATH = '/pgu/common/ajax/Guis062301/ConfirmEpdPayment';
const ENDPOINT = `POST ${PATH}`;
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface EpdPaymentClientOptions {
  /** A transport for the system named `housing`. */
  transport: LegacyTransport;
  /** The service token the housing system issued to the graph; it only opens the session. */
  serviceToken: string;
}

/**
 * Reports paid EPDs over the portal's EPD calls (`ConfirmEpdPayment` *(designed)*), in the
 * integration's cookie session (`session.ts`), naming no person: the payment is the payment
 * service's to report, not a resident's.
 */
export class EpdPaymentClient implements EpdPaymentsPort {
  private readonly transport: LegacyTransport;
  private readonly session: RenewingSession;

  constructor(options: EpdPaymentClientOptions) {
    if (options.transport.system !== SYSTEM) throw new Error(`EpdPaymentClient needs a transport for "${SYSTEM}"`);
    if (!options.serviceToken) throw new Error('EpdPaymentClient needs a service token');
    this.transport = options.transport;
    this.session = housingSession(options.transport, options.serviceToken);
  }

  async reportPayment(payment: EpdPayment): Promise<EpdPaymentReceipt> {
    if (!PAYMENT_ID.test(payment.paymentId)) throw new RangeError('paymentId must be 1..64 letters, digits and dashes');
    if (!/^\d{20}$/.test(payment.uin)) throw new RangeError('uin must be 20 digits');
    if (!Number.isSafeInteger(payment.amountKopecks) || payment.amountKopecks <= 0) throw new RangeError('amountKopecks must be whole kopecks above zero');
    if (!toMoscowInstant(payment.paidAt, { requireOffset: true })) throw new RangeError('paidAt must be ISO-8601 with an offset');
    const body = new URLSearchParams({ uin: payment.uin, payment_id: payment.paymentId, amount: kopecksToRoubles(payment.amountKopecks), payment_date: payment.paidAt }).toString();
    // Sent again only after the portal refused the session it carried: a refused session means it did not act.
    return this.session.run(async (carrier) => {
      const reply = await this.transport.call({
        method: 'POST',
        path: PATH,
        endpoint: ENDPOINT,
        headers: { ...carrier, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        idempotent: false,
      });
      return toEpdPaymentReceipt(parseWire(WireEpdPaymentReply, this.payload(reply), SYSTEM, ENDPOINT), payment, ENDPOINT);
    });
  }

  /** The JSON of a 200 that is a real answer; every other outcome as its typed error. */
  private payload(reply: LegacyReply): unknown {
    if (reply.status === 200) {
      const json = this.transport.parseJson(reply, ENDPOINT);
      if (WireRetryLater.safeParse(json).success) throw new HousingRetryLaterError(ENDPOINT);
      return json;
    }
    if (reply.status === 404) throw new LegacyNotFoundError(SYSTEM, ENDPOINT);
    if (reply.status === 409) throw new EpdPaymentConflictError(ENDPOINT);
    // The session is over (a redirect to the sign-on form, 401), or it was never the integration's (403).
    if (reply.status === 401 || reply.status === 403 || ((reply.status === 302 || reply.status === 303) && reply.headers.location !== undefined)) {
      throw new SessionRefusedError(SYSTEM, ENDPOINT, reply.status);
    }
    if (reply.status === 400) throw new LegacyBadResponseError(SYSTEM, ENDPOINT, 'the housing system refused our request (HTTP 400)');
    throw new LegacyBadResponseError(SYSTEM, ENDPOINT, `unexpected HTTP ${reply.status}`);
  }
}
