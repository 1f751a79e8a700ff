import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * SOAP 1.1 plumbing of the fines service: its envelopes are built and read with fast-xml-parser,
 * never with string templates or regexes, so escaping and namespaces are the parser's business.
 */

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The charges service namespace *(designed)*. */
export const CHARGES_NS = 'urn:gisgmp:charges:2.4';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'VehicleCertificate',
});

/** A SOAP envelope around `body` (and `header`), both objects in fast-xml-parser's builder form. */
export function envelope(body: Record<string, unknown>, header?: Record<string, unknown>): string {
  const env = { '@_xmlns:soap': SOAP_ENV_NS, ...(header ? { 'soap:Header': header } : {}), 'soap:Body': body };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'soap:Envelope': env })}`;
}

/** A SOAP 1.1 fault; `faultcode` is a QName (`soap:Client`, `soap:Server`, `wsse:FailedAuthentication`). */
export function faultEnvelope(faultcode: string, faultstring: string): string {
  const fault: Record<string, unknown> = { faultcode, faultstring };
  const body = { 'soap:Fault': faultcode.startsWith('wsse:') ? { '@_xmlns:wsse': WSSE_NS, ...fault } : fault };
  return envelope(body);
}

/** What the simulator needs from a GetCharges request. */
export interface ChargesRequest {
  password: string | undefined;
  certificates: string[] | undefined;
}

/** Reads a GetCharges request; `undefined` when the body is not well-formed XML. */
export function readChargesRequest(xml: string): ChargesRequest | undefined {
  if (xml.trim().length === 0 || XMLValidator.validate(xml) !== true) return undefined;
  const doc: unknown = parser.parse(xml);
  const env = field(doc, 'Envelope');
  const token = field(field(field(field(env, 'Header'), 'Security'), 'UsernameToken'), 'Password');
  const request = field(field(env, 'Body'), 'GetChargesRequest');
  const certificates = field(request, 'VehicleCertificate');
  return {
    password: text(token),
    certificates: request === undefined ? undefined : Array.isArray(certificates) ? certificates.map((c) => text(c) ?? '') : [],
  };
}

/** A child of a parsed element, or undefined when the node is not an element. */
export function field(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[name] : undefined;
}

/** An element's text, whether or not it had attributes (`<Password Type="…">`). */
export function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim();
  const inner = field(node, '#text');
  return typeof inner === 'string' ? inner.trim() : undefined;
}
