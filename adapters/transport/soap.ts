import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { LegacyBadResponseError } from './legacy-errors';

/**
 * SOAP 1.1 as the federal services speak it (the fines service, the payments register), built and
 * read with fast-xml-parser: the builder escapes what goes in, and the validator refuses what is
 * not well-formed XML before the parser (lenient by design) can make something of half a document.
 */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The service account a SOAP call signs with: a WS-Security UsernameToken. */
export interface SoapCredentials {
  username: string;
  password: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** A request envelope: `body` (fast-xml-parser's tree, `@_` for attributes) under the credentials' header. */
export function soapRequest(body: Record<string, unknown>, credentials: SoapCredentials): string {
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
      'soap:Body': body,
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(envelope)}`;
}

/** Reads a system's replies into trees; `LEGACY_BAD_RESPONSE` for an empty or malformed one. */
export type SoapReader = (body: string, endpoint: string) => unknown;

/**
 * A reader of `system`'s replies. Namespace prefixes are dropped and every value stays a string
 * (UINs and certificates have leading zeros and 20 digits); `arrays` names the elements that are
 * lists even when one comes.
 */
export function soapReader(system: string, options: { arrays?: readonly string[] } = {}): SoapReader {
  const arrays = new Set(options.arrays ?? []);
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => arrays.has(name),
  });
  return (body, endpoint) => {
    if (body.trim().length === 0) throw new LegacyBadResponseError(system, endpoint, 'empty body');
    if (XMLValidator.validate(body) !== true) throw new LegacyBadResponseError(system, endpoint, 'body is not well-formed XML');
    try {
      return parser.parse(body) as unknown;
    } catch {
      throw new LegacyBadResponseError(system, endpoint, 'body is not well-formed XML');
    }
  };
}
