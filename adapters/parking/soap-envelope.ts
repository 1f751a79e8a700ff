import { type SoapCredentials, soapReader, soapRequest } from '../transport';
import { FINES_SYSTEM } from './fines-mapper';
import { WireFaultEnvelope, type WireSoapFault } from './fines-wire';

export const CHARGES_NS = 'urn:gisgmp:charges:2.4';

/** The GetCharges request for some certificates, with the service token as a WS-Security UsernameToken. */
export function getChargesRequest(certificates: ReadonlyArray<string>, credentials: SoapCredentials): string {
  return soapRequest({ 'chg:GetChargesRequest': { '@_xmlns:chg': CHARGES_NS, 'chg:VehicleCertificate': [...certificates] } }, credentials);
}

/** The fines service's reply as a tree (charges always a list), or LEGACY_BAD_RESPONSE when it is empty or not well-formed XML. */
export const readSoapDocument = soapReader(FINES_SYSTEM, { arrays: ['Charge'] });

/** The soap:Fault the document carries, if it is a fault envelope. */
export function soapFaultOf(doc: unknown): WireSoapFault | undefined {
  const fault = WireFaultEnvelope.safeParse(doc);
  return fault.success ? fault.data.Envelope.Body.Fault : undefined;
}
