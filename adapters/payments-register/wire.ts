import { z } from 'zod';

/**
 * The register's XML as fast-xml-parser reads it (see `soap-envelope.ts`): text kept as strings,
 * namespace prefixes dropped. These types mirror the XML element for element.
 *
 * ```xml
 * <soap:Envelope><soap:Body><pay:ImportPaymentResponse>
 *   <pay:ImportProtocol>
 *     <pay:PaymentId>…</pay:PaymentId>
 *     <pay:SupplierBillID>18810177…</pay:SupplierBillID>
 *     <pay:Code>0</pay:Code>                 <!-- 0 taken, 1 taken before, 2 id used for another payment -->
 *     <pay:Description>Платёж принят</pay:Description>
 *   </pay:ImportProtocol>
 * </pay:ImportPaymentResponse></soap:Body></soap:Envelope>
 * ```
 */
export const WireImportProtocol = z.object({
  PaymentId: z.string(),
  SupplierBillID: z.string(),
  Code: z.string(),
  Description: z.string().optional(),
});
export type WireImportProtocol = z.infer<typeof WireImportProtocol>;

export const WireImportPaymentEnvelope = z.object({
  Envelope: z.object({ Body: z.object({ ImportPaymentResponse: z.object({ ImportProtocol: WireImportProtocol }) }) }),
});
export type WireImportPaymentEnvelope = z.infer<typeof WireImportPaymentEnvelope>;

/** SOAP 1.1 fault: `faultcode` is a QName (`soap:Server`), `faultstring` free text. */
export const WireSoapFault = z.object({ faultcode: z.string(), faultstring: z.string().optional() });
export type WireSoapFault = z.infer<typeof WireSoapFault>;
export const WireFaultEnvelope = z.object({ Envelope: z.object({ Body: z.object({ Fault: WireSoapFault }) }) });
