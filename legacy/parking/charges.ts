import { uinCheckDigit } from '../../platform/identifiers';
import { addDays, fromMoscow, moscowDate, moscowLocal, Seeded } from '../kit';
import { decodeSts, type Population } from '../population';

/**
 * Acknowledgment (matching of a payment to the charge) as the state payments system codes it:
 * 1 matched (paid), 2 matched provisionally (payment seen, not yet confirmed), 3 not matched.
 */
export type AcknowledgmentStatus = '1' | '2' | '3';

/** A traffic-police charge (fine) as the fines service lists it, values as they go on the wire. */
export interface Charge {
  SupplierBillID: string;
  BillDate: string;
  VehicleCertificate: string;
  TotalAmount: string;
  Purpose: string;
  AcknowledgmentStatus: AcknowledgmentStatus;
  DiscountSize?: string;
  DiscountExpiry?: string;
}

interface Article {
  purpose: string;
  kopecks: number;
  /** Paid within 20 days, most traffic fines cost half; repeat offences do not. */
  discount: boolean;
  weight: number;
}

const ARTICLES: ReadonlyArray<Article> = [
  { purpose: '12.9ч.2', kopecks: 50_000, discount: true, weight: 40 },
  { purpose: '12.9ч.3', kopecks: 150_000, discount: true, weight: 10 },
  { purpose: '12.12ч.1', kopecks: 100_000, discount: true, weight: 8 },
  { purpose: '12.16ч.1', kopecks: 50_000, discount: true, weight: 8 },
  { purpose: '12.16ч.5', kopecks: 300_000, discount: true, weight: 10 },
  { purpose: '12.19ч.6', kopecks: 300_000, discount: true, weight: 6 },
  { purpose: '12.6', kopecks: 100_000, discount: true, weight: 6 },
  { purpose: '12.9ч.6', kopecks: 200_000, discount: false, weight: 4 },
];

export const DISCOUNT_DAYS = 20;
/** Traffic police (ГИБДД) administrator code and Moscow's region: every UIN here starts 1881077. */
const UIN_PREFIX = '1881077';

/**
 * The charges issued to a car, derived from its STS: none to four, dated up to five months before
 * the simulator's today, older ones more often paid. An STS that does not decode to a car the
 * city knows has no charges (the real service cannot tell an unknown certificate from a clean one).
 */
export function chargesForSts(population: Population, sts: string, now: Date): Charge[] {
  const key = decodeSts(population.seed, sts);
  const owner = key ? population.person(key.personId) : undefined;
  if (!key || owner?.vehicles[key.vehicleIndex]?.sts !== sts) return [];
  const r = new Seeded(population.seed, 'fines', sts);
  const count = [0, 1, 2, 3, 4][r.weighted([38, 26, 18, 11, 7])] ?? 0;
  const today = moscowDate(now);
  const charges: Charge[] = [];
  for (let k = 0; k < count; k++) {
    const article = ARTICLES[r.weighted(ARTICLES.map((a) => a.weight))] as Article;
    const daysAgo = r.int(1, 150);
    const issued = fromMoscow(addDays(today, -daysAgo), r.int(0, 23), r.int(0, 59));
    const paidChance = daysAgo > DISCOUNT_DAYS ? 0.65 : 0.3;
    const status: AcknowledgmentStatus = r.chance(paidChance) ? '1' : r.chance(0.1) ? '2' : '3';
    const body = UIN_PREFIX + r.digits(12);
    const charge: Charge = {
      SupplierBillID: body + uinCheckDigit(body),
      // The payments system writes instants with milliseconds and the Moscow offset.
      BillDate: `${moscowLocal(issued)}.000+03:00`,
      VehicleCertificate: sts,
      TotalAmount: String(article.kopecks),
      Purpose: article.purpose,
      AcknowledgmentStatus: status,
    };
    if (article.discount) {
      charge.DiscountSize = '50';
      charge.DiscountExpiry = addDays(moscowDate(issued), DISCOUNT_DAYS);
    }
    charges.push(charge);
  }
  return charges.sort((a, b) => b.BillDate.localeCompare(a.BillDate));
}
