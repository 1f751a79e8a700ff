import { z } from 'zod';

/**
 * The fines service's XML as fast-xml-parser reads it (see `soap-envelope.ts`): every element's
 * text is kept as a string, namespace prefixes are dropped (the service may pick any prefix), and
 * `Charge` is always a list. These types mirror the XML element for element; the mapper turns
 * them into domain fines.
 *
 * ```xml
 * <soap:Envelope><soap:Body><chg:GetChargesResponse>
 *   <chg:Charge>
 *     <chg:SupplierBillID>18810771234567890123</chg:SupplierBillID>
 *     <chg:BillDate>2026-10-01T10:12:00.000+03:00</chg:BillDate>
 *     <chg:VehicleCertificate>0512345678</chg:VehicleCertificate>
 *     <chg:TotalAmount>50000</chg:TotalAmount>            <!-- kopecks -->
 *     <chg:Purpose>12.9ч.2</chg:Purpose>
 *     <chg:AcknowledgmentStatus>3</chg:AcknowledgmentStatus>
 *     <chg:DiscountSize>50</chg:DiscountSize>              <!-- optional, with DiscountExpiry -->
 *     <chg:DiscountExpiry>2026-10-21</chg:DiscountExpiry>
 *   </chg:Charge>
 * </chg:GetChargesResponse></soap:Body></soap:Envelope>
 * ```
 */
export const WireCharge = z.object({
  SupplierBillID: z.string(),
  BillDate: z.string(),
  VehicleCertificate: z.string(),
  TotalAmount: z.string(),
  Purpose: z.string(),
  /** 1 matched (paid), 2 matched provisionally, 3 not matched. */
  AcknowledgmentStatus: z.string(),
  DiscountSize: z.string().optional(),
  DiscountExpiry: z.string().optional(),
});
export type WireCharge = z.infer<typeof WireCharge>;

/** An element with no children reads as the empty string: `<chg:GetChargesResponse/>` lists no charges. */
export const WireGetChargesResponse = z.union([z.literal(''), z.object({ Charge: z.array(WireCharge).default([]) })]);

export const WireChargesEnvelope = z.object({
  Envelope: z.object({ Body: z.object({ GetChargesResponse: WireGetChargesResponse }) }),
});
export type WireChargesEnvelope = z.infer<typeof WireChargesEnvelope>;

/** SOAP 1.1 fault: `faultcode` is a QName (`soap:Server`), `faultstring` free text. */
export const WireSoapFault = z.object({ faultcode: z.string(), faultstring: z.string().optional() });
export type WireSoapFault = z.infer<typeof WireSoapFault>;
export const WireFaultEnvelope = z.object({ Envelope: z.object({ Body: z.object({ Fault: WireSoapFault }) }) });
