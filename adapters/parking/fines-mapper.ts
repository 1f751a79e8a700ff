import { isCalendarDate, isValidUin } from '../../platform/identifiers';
import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import type { WireCharge, WireChargesEnvelope } from './fines-wire';
import type { Fine, FineDiscount, FineStatus } from './port';

export const FINES_SYSTEM = 'fines';

/** AcknowledgmentStatus codes of the state payments system. */
const STATUSES: Readonly<Record<string, FineStatus>> = { '1': 'PAID', '2': 'PAYMENT_PROCESSING', '3': 'UNPAID' };

function bad(endpoint: string, reason: string): never {
  throw new LegacyBadResponseError(FINES_SYSTEM, endpoint, reason);
}

/** One charge → a domain fine, refusing a UIN that fails its check digit rather than showing it as payable. */
export function toFine(wire: WireCharge, endpoint: string): Fine {
  if (!isValidUin(wire.SupplierBillID)) bad(endpoint, 'Charge.SupplierBillID is not a valid UIN');
  const issuedAt = toMoscowInstant(wire.BillDate, { requireOffset: true });
  if (!issuedAt) bad(endpoint, 'Charge.BillDate is not an ISO-8601 instant with an offset');
  if (!/^\d{1,12}$/.test(wire.TotalAmount)) bad(endpoint, 'Charge.TotalAmount is not whole kopecks');
  const amountKopecks = Number(wire.TotalAmount);
  const article = wire.Purpose.trim();
  if (article.length === 0) bad(endpoint, 'Charge.Purpose is empty');
  const status = STATUSES[wire.AcknowledgmentStatus];
  if (!status) bad(endpoint, 'Charge.AcknowledgmentStatus is not 1, 2 or 3');
  return { uin: wire.SupplierBillID, sts: wire.VehicleCertificate, issuedAt, amountKopecks, article, status, discount: toDiscount(wire, amountKopecks, endpoint) };
}

function toDiscount(wire: WireCharge, amountKopecks: number, endpoint: string): FineDiscount | null {
  if (wire.DiscountSize === undefined && wire.DiscountExpiry === undefined) return null;
  if (wire.DiscountSize === undefined || wire.DiscountExpiry === undefined) bad(endpoint, 'Charge has only one of DiscountSize and DiscountExpiry');
  if (!/^\d{1,2}$/.test(wire.DiscountSize) || Number(wire.DiscountSize) === 0) bad(endpoint, 'Charge.DiscountSize is not a percentage 1..99');
  if (!isCalendarDate(wire.DiscountExpiry)) bad(endpoint, 'Charge.DiscountExpiry is not YYYY-MM-DD');
  const percent = Number(wire.DiscountSize);
  // Rounded up: the graph never tells a resident they owe less than the payments system will accept.
  return { percent, until: wire.DiscountExpiry, amountKopecks: Math.ceil((amountKopecks * (100 - percent)) / 100) };
}

/**
 * A GetCharges response → fines per certificate asked for (each present, newest first). A charge
 * for a certificate nobody asked about means the answer is not for this request.
 */
export function toFinesByCertificate(wire: WireChargesEnvelope, requested: ReadonlyArray<string>, endpoint: string): Map<string, Fine[]> {
  const byCertificate = new Map<string, Fine[]>(requested.map((sts) => [sts, []]));
  const response = wire.Envelope.Body.GetChargesResponse;
  const charges = response === '' ? [] : response.Charge;
  for (const charge of charges) {
    const list = byCertificate.get(charge.VehicleCertificate);
    if (!list) bad(endpoint, 'Charge.VehicleCertificate was not asked for');
    list.push(toFine(charge, endpoint));
  }
  for (const list of byCertificate.values()) list.sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt));
  return byCertificate;
}
