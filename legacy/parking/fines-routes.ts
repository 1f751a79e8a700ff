import { type Route, SimHttpError, type SimRequest } from '../kit';
import type { Population } from '../population';
import { chargesForSts } from './charges';
import type { PaymentsRegister } from './payments-register';
import { IMPORT_PAYMENT_ACTION, importPayment } from './register-routes';
import { CHARGES_NS, envelope, faultEnvelope, readChargesRequest, SOAP_CONTENT_TYPE } from './soap';

export const FINES_PATH = '/gisgmp/ws';
export const GET_CHARGES_ACTION = 'urn:GetCharges';
/** The stats and fault name of the one operation, refined by SOAPAction as JSON-RPC systems are by method. */
export const GET_CHARGES_ENDPOINT = `POST ${FINES_PATH} GetCharges`;
/** The payments register's one operation on the same endpoint, counted and broken on its own. */
export const IMPORT_PAYMENT_ENDPOINT = `POST ${FINES_PATH} ImportPayment`;
/** One request names at most this many certificates *(designed)*. */
export const MAX_CERTIFICATES = 50;
/** An STS: two region characters, a two-character series (digits or letters), six digits. */
const STS_PATTERN = /^[0-9А-ЯA-Z]{2}[0-9А-ЯA-Z]{2}\d{6}$/;

/**
 * A SOAP fault. SOAP 1.1 answers every fault with HTTP 500 (the spec's rule, which the real
 * payments system follows) except a failed WS-Security check, which answers 401.
 */
export function soapFault(faultcode: string, faultstring: string, status = 500): SimHttpError {
  return new SimHttpError(status, { contentType: SOAP_CONTENT_TYPE, text: faultEnvelope(faultcode, faultstring) });
}

function soapAction(req: SimRequest): string | undefined {
  const raw = req.headers.soapaction;
  const value = Array.isArray(raw) ? raw[0] : raw;
  // SOAP 1.1 quotes the action; clients that forget the quotes are tolerated.
  return value?.trim().replace(/^"(.*)"$/, '$1');
}

/**
 * The state payments endpoint: SOAP 1.1, told apart by SOAPAction. `urn:GetCharges` is the fines
 * service (charges by vehicle registration certificates, each as the payments register has matched
 * it); `urn:ImportPayment` is the payments register taking a payment (`register-routes.ts`). One
 * endpoint for both, as the state payments system is one system that holds both charges and payments.
 */
export function finesRoutes(deps: { population: Population; serviceToken: string; register: PaymentsRegister }): Route[] {
  return [
    {
      method: 'POST',
      path: FINES_PATH,
      name: (req) => {
        const action = soapAction(req);
        return action === GET_CHARGES_ACTION ? GET_CHARGES_ENDPOINT : action === IMPORT_PAYMENT_ACTION ? IMPORT_PAYMENT_ENDPOINT : `POST ${FINES_PATH}`;
      },
      contentType: SOAP_CONTENT_TYPE,
      handle(req) {
        if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('text/xml')) {
          throw soapFault('soap:Client', 'SOAP 1.1 expects Content-Type text/xml');
        }
        const action = soapAction(req);
        if (action === IMPORT_PAYMENT_ACTION) return importPayment(req, { register: deps.register, serviceToken: deps.serviceToken, fault: soapFault });
        if (action !== GET_CHARGES_ACTION) throw soapFault('soap:Client', 'Unknown SOAPAction');
        const request = readChargesRequest(req.body.toString('utf8'));
        if (!request) throw soapFault('soap:Client', 'Request is not well-formed XML');
        if (request.password !== deps.serviceToken) throw soapFault('wsse:FailedAuthentication', 'The security token could not be authenticated', 401);
        if (request.certificates === undefined) throw soapFault('soap:Client', 'Body must contain GetChargesRequest');
        if (request.certificates.length === 0) throw soapFault('soap:Client', 'At least one VehicleCertificate is required');
        if (request.certificates.length > MAX_CERTIFICATES) throw soapFault('soap:Client', `At most ${MAX_CERTIFICATES} VehicleCertificate per request`);
        if (request.certificates.some((sts) => !STS_PATTERN.test(sts))) throw soapFault('soap:Client', 'VehicleCertificate is malformed');
        const charges = [...new Set(request.certificates)].flatMap((sts) => chargesForSts(deps.population, sts, req.now)).map((charge) => deps.register.acknowledge(charge));
        const response: Record<string, unknown> = { '@_xmlns:chg': CHARGES_NS };
        if (charges.length > 0) response['chg:Charge'] = charges.map(prefixed);
        return { contentType: SOAP_CONTENT_TYPE, text: envelope({ 'chg:GetChargesResponse': response }) };
      },
    },
  ];
}

function prefixed(charge: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(charge).map(([key, value]) => [`chg:${key}`, value]));
}
