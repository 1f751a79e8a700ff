import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { envelope, field, text } from './soap';

/** The payments register's namespace *(designed)*. */
export const PAYMENTS_NS = 'urn:gisgmp:payments:2.4';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false });

/** What the register needs from an ImportPayment request; fields absent are undefined. */
export interface ImportPaymentRequest {
  password: string | undefined;
  /** Undefined when the body holds no ImportPaymentRequest/Payment. */
  payment: { paymentId?: string; uin?: string; amount?: string; paymentDate?: string } | undefined;
}

/** Reads an ImportPayment request; `undefined` when the body is not well-formed XML. */
export function readImportPayment(xml: string): ImportPaymentRequest | undefined {
  if (xml.trim().length === 0 || XMLValidator.validate(xml) !== true) return undefined;
  const env = field(parser.parse(xml) as unknown, 'Envelope');
  const password = text(field(field(field(field(env, 'Header'), 'Security'), 'UsernameToken'), 'Password'));
  const payment = field(field(field(env, 'Body'), 'ImportPaymentRequest'), 'Payment');
  if (typeof payment !== 'object' || payment === null || Array.isArray(payment)) return { password, payment: undefined };
  return {
    password,
    payment: {
      paymentId: text(field(payment, 'PaymentId')),
      uin: text(field(payment, 'SupplierBillID')),
      amount: text(field(payment, 'Amount')),
      paymentDate: text(field(payment, 'PaymentDate')),
    },
  };
}

/**
 * The register's answer: an `ImportProtocol` per payment, `Code` 0 taken, 1 taken before (the same
 * payment id again: nothing new was applied), 2 the payment id was used for another payment
 * *(designed codes)*.
 */
export function importPaymentResponse(protocol: { paymentId: string; uin: string; code: 0 | 1 | 2; description: string }): string {
  return envelope({
    'pay:ImportPaymentResponse': {
      '@_xmlns:pay': PAYMENTS_NS,
      'pay:ImportProtocol': {
        'pay:PaymentId': protocol.paymentId,
        'pay:SupplierBillID': protocol.uin,
        'pay:Code': String(protocol.code),
        'pay:Description': protocol.description,
      },
    },
  });
}
