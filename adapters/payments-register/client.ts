import { isValidUin } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError, type LegacyReply, type LegacyTransport, LegacyUnavailableError, parseWire, SOAP_CONTENT_TYPE } from '../transport';
import { PAYMENTS_REGISTER_SYSTEM, registerFault } from './errors';
import { toConfirmationResult } from './mapper';
import type { ConfirmationResult, FinePayment, PaymentsRegisterPort } from './port';
import { importPaymentRequest, readSoapDocument, soapFaultOf } from './soap-envelope';
import { WireImportPaymentEnvelope } from './wire';

const PATH = '/gisgmp/ws';
const ENDPOINT = 'POST /gisgmp/ws ImportPayment';
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface PaymentsRegisterClientOptions {
  /** A transport for the system named `payments-register`. */
  transport: LegacyTransport;
  /** The token the register issued to the graph: the WS-Security UsernameToken password. */
  serviceToken: string;
  /** The UsernameToken user name; default `resident-graph`. */
  username?: string;
}

/** The federal payments register over SOAP 1.1 (`urn:ImportPayment` *(designed)*). */
export class PaymentsRegisterClient implements PaymentsRegisterPort {
  private readonly transport: LegacyTransport;
  private readonly credentials: { username: string; password: string };

  constructor(options: PaymentsRegisterClientOptions) {
    if (options.transport.system !== PAYMENTS_REGISTER_SYSTEM) throw new Error(`PaymentsRegisterClient needs a transport for "${PAYMENTS_REGISTER_SYSTEM}"`);
    if (!options.serviceToken) throw new Error('PaymentsRegisterClient needs a service token');
    this.transport = options.transport;
    this.credentials = { username: options.username ?? 'resident-graph', password: options.serviceToken };
  }

  async acknowledgePayment(payment: FinePayment): Promise<ConfirmationResult> {
    if (!PAYMENT_ID.test(payment.paymentId)) throw new RangeError('paymentId must be 1..64 letters, digits and dashes');
    if (!isValidUin(payment.uin)) throw new RangeError('uin is not a valid UIN');
    if (!Number.isSafeInteger(payment.amountKopecks) || payment.amountKopecks <= 0) throw new RangeError('amountKopecks must be whole kopecks above zero');
    if (!toMoscowInstant(payment.paidAt, { requireOffset: true })) throw new RangeError('paidAt must be ISO-8601 with an offset');
    return this.transport.call(
      {
        method: 'POST',
        path: PATH,
        endpoint: ENDPOINT,
        headers: { 'content-type': SOAP_CONTENT_TYPE, soapaction: '"urn:ImportPayment"', accept: 'text/xml' },
        body: importPaymentRequest(payment, this.credentials),
        passStatuses: [500],
        // A write: never sent twice by the transport. The register's idempotency by payment id is
        // what makes a redelivery by the caller safe.
        idempotent: false,
      },
      (reply) => toConfirmationResult(parseWire(WireImportPaymentEnvelope, this.document(reply), PAYMENTS_REGISTER_SYSTEM, ENDPOINT), payment, ENDPOINT),
    );
  }

  /** The reply's XML tree; a fault is an error whatever status it came with. */
  private document(reply: LegacyReply): unknown {
    if (reply.status === 401) throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, ENDPOINT, 'the payments register refused our service token');
    if (reply.status >= 500) {
      const fault = faultIn(reply.body);
      throw fault ? registerFault(ENDPOINT, reply.status, fault) : new LegacyUnavailableError(PAYMENTS_REGISTER_SYSTEM, ENDPOINT, reply.status);
    }
    const doc = readSoapDocument(reply.body, ENDPOINT);
    const fault = soapFaultOf(doc);
    if (fault) throw registerFault(ENDPOINT, reply.status, fault);
    if (reply.status !== 200) throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, ENDPOINT, `unexpected HTTP ${reply.status}`);
    return doc;
  }
}

function faultIn(body: string): ReturnType<typeof soapFaultOf> {
  try {
    return soapFaultOf(readSoapDocument(body, ENDPOINT));
  } catch {
    return undefined;
  }
}
