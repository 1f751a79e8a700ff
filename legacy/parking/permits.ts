import { addDays, hash32, Seeded } from '../kit';
import type { ParkingReference } from './reference-data';

export type PermitStatus = 'ACTIVE' | 'EXPIRED' | 'ANNULLED' | 'PENDING';

/** A resident parking permit: free parking for one car in the zone of the holder's home, for a year. */
export interface Permit {
  id: string;
  plate: string;
  zone: string;
  /** `YYYY-MM-DD`, both days included. */
  validFrom: string;
  validTo: string;
  status: PermitStatus;
}

/**
 * The permits a plate has had, derived from the plate: about half the cars have one, a third of
 * those issued more than a year ago (expired, sometimes renewed). Dates count back from the
 * simulator's today, so the same share is current whatever day the demo runs on.
 */
export function permitsForPlate(seed: string, reference: ParkingReference, plate: string, today: string): Permit[] {
  const r = new Seeded(seed, 'parking', 'permit', plate);
  if (!r.chance(0.45)) return [];
  const zone = r.pick(reference.allZones()).number;
  const annulled = r.chance(0.05);
  const first = addDays(today, -r.int(0, 540));
  const periods = [first];
  if (addDays(first, 364) < today && r.chance(0.5)) periods.push(addDays(first, 365));
  return periods.map((validFrom, k) => {
    const validTo = addDays(validFrom, 364);
    return {
      id: String(100_000_000 + (hash32(seed, 'permit', plate, k) % 900_000_000)),
      plate,
      zone,
      validFrom,
      validTo,
      status: annulled && k === periods.length - 1 ? 'ANNULLED' : statusOn(today, validFrom, validTo),
    };
  });
}

function statusOn(today: string, validFrom: string, validTo: string): PermitStatus {
  if (today < validFrom) return 'PENDING';
  return today > validTo ? 'EXPIRED' : 'ACTIVE';
}
