import { isValidUin } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import type { SimRequest, SimResponse } from '../kit';
import type { PaymentsRegister } from './payments-register';
import { importPaymentResponse, readImportPayment } from './register-soap';
import { SOAP_CONTENT_TYPE } from './soap';

export const IMPORT_PAYMENT_ACTION = 'urn:ImportPayment';
/** A payment id: up to 64 letters, digits and dashes (a UUID fits; the register's own is 32 characters). */
const PAYMENT_ID = /^[A-Za-z0-9-]{1,64}$/;
/** How far ahead of the register's clock a payment may be dated (the payer's bank's clock is not ours). */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * `urn:ImportPayment` on the fines service's endpoint: the federal payments register taking a
 * payment of a charge by its UIN, WS-Security as for GetCharges. Refusals of what was sent are
 * `soap:Client` faults (HTTP 500, the SOAP 1.1 rule); a repeated payment id is answered, not
 * faulted (see `importPaymentResponse`).
 */
export function importPayment(req: SimRequest, deps: { register: PaymentsRegister; serviceToken: string; fault: (code: string, text: string, status?: number) => Error }): SimResponse {
  const { fault } = deps;
  const request = readImportPayment(req.body.toString('utf8'));
  if (!request) throw fault('soap:Client', 'Request is not well-formed XML');
  if (request.password !== deps.serviceToken) throw fault('wsse:FailedAuthentication', 'The security token could not be authenticated', 401);
  const payment = request.payment;
  if (!payment) throw fault('soap:Client', 'Body must contain ImportPaymentRequest/Payment');
  const { paymentId = '', uin = '', amount = '', paymentDate = '' } = payment;
  if (!PAYMENT_ID.test(paymentId)) throw fault('soap:Client', 'PaymentId is malformed');
  if (!isValidUin(uin)) throw fault('soap:Client', 'SupplierBillID is not a valid UIN');
  if (!/^\d{1,12}$/.test(amount) || Number(amount) === 0) throw fault('soap:Client', 'Amount must be whole kopecks above zero');
  const instant = toMoscowInstant(paymentDate, { requireOffset: true });
  if (!instant) throw fault('soap:Client', 'PaymentDate must be xs:dateTime with an offset');
  const paidAt = new Date(instant);
  if (paidAt.getTime() > req.now.getTime() + FUTURE_SKEW_MS) throw fault('soap:Client', 'PaymentDate is in the future');

  const outcome = deps.register.importPayment({ paymentId, uin, amountKopecks: Number(amount), paidAt }, req.now);
  const protocol =
    outcome === 'accepted'
      ? ({ code: 0, description: 'Платёж принят' } as const)
      : outcome === 'duplicate'
        ? ({ code: 1, description: 'Платёж с этим идентификатором уже принят' } as const)
        : ({ code: 2, description: 'Идентификатор платежа уже использован для другого платежа' } as const);
  return { contentType: SOAP_CONTENT_TYPE, text: importPaymentResponse({ paymentId, uin, ...protocol }) };
}
