import { type SoapCredentials, soapReader, soapRequest } from '../transport';
import { PAYMENTS_REGISTER_SYSTEM } from './errors';
import type { FinePayment } from './port';
import { WireFaultEnvelope, type WireSoapFault } from './wire';

/** The register's namespace *(designed)*. */
export const PAYMENTS_NS = 'urn:gisgmp:payments:2.4';

/** The ImportPayment request, with the service token as a WS-Security UsernameToken. */
export function importPaymentRequest(payment: FinePayment, credentials: SoapCredentials): string {
  return soapRequest(
    {
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
    credentials,
  );
}

/** The register's reply as a tree, or LEGACY_BAD_RESPONSE when it is empty or not well-formed XML. */
export const readSoapDocument = soapReader(PAYMENTS_REGISTER_SYSTEM);

/** The soap:Fault the document carries, if it is a fault envelope. */
export function soapFaultOf(doc: unknown): WireSoapFault | undefined {
  const fault = WireFaultEnvelope.safeParse(doc);
  return fault.success ? fault.data.Envelope.Body.Fault : undefined;
}
