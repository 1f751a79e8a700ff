import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { LegacyBadResponseError } from '../transport';
import { PAYMENTS_REGISTER_SYSTEM } from './errors';
import type { FinePayment } from './port';
import { WireFaultEnvelope, type WireSoapFault } from './wire';

/**
 * SOAP 1.1 for the payments register, built and read with fast-xml-parser: the builder escapes
 * what goes in, the validator refuses what is not well-formed XML before the lenient parser can
 * make something of half a document.
 */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The register's namespace *(designed)*. */
export const PAYMENTS_NS = 'urn:gisgmp:payments:2.4';
const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // UINs and payment ids have leading zeros and 20 digits: every value stays a string.
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The ImportPayment request, with the service token as a WS-Security UsernameToken. */
export function importPaymentRequest(payment: FinePayment, credentials: { username: string; password: string }): string {
  const envelope = {
    'soap:Envelope': {
      '@_xmlns:soap': SOAP_ENV_NS,
      'soap:Header': {
        'wsse:Security': {
          '@_xmlns:wsse': WSSE_NS,
          '@_soap:mustUnderstand': '1',
          'wsse:UsernameToken': {
            'wsse:Username': credentials.username,
            'wsse:Password': { '@_Type': PASSWORD_TEXT, '#text': credentials.password },
          },
        },
      },
      'soap:Body': {
        'pay:ImportPaymentRequest': {
          '@_xmlns:pay': PAYMENTS_NS,
          'pay:Payment': {
            'pay:PaymentId': payment.paymentId,
            'pay:SupplierBillID': payment.uin,
            'pay:Amount': String(payment.amountKopecks),
            'pay:PaymentDate': payment.paidAt,
          },
        },
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(envelope)}`;
}

/** The reply as a tree, or LEGACY_BAD_RESPONSE when it is empty or not well-formed XML. */
export function readSoapDocument(body: string, endpoint: string): unknown {
  if (body.trim().length === 0) throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'empty body');
  if (XMLValidator.validate(body) !== true) throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'body is not well-formed XML');
  try {
    return parser.parse(body) as unknown;
  } catch {
    throw new LegacyBadResponseError(PAYMENTS_REGISTER_SYSTEM, endpoint, 'body is not well-formed XML');
  }
}

/** The soap:Fault the document carries, if it is a fault envelope. */
export function soapFaultOf(doc: unknown): WireSoapFault | undefined {
  const fault = WireFaultEnvelope.safeParse(doc);
  return fault.success ? fault.data.Envelope.Body.Fault : undefined;
}
