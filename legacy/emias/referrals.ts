import { Seeded, addDays, fromMoscow, moscowDate } from '../kit';
import type { Person } from '../population';
import { SPECIALITIES, clinicOf, type Clinic, type Speciality } from './catalogue';

export interface Referral {
  /** 12 digits. */
  id: string;
  speciality: Speciality;
  /** The last instant the referral can be used (23:59 Moscow time of its last day). */
  end: Date;
  clinic: Clinic;
}

/**
 * The zero to two referrals the district therapist gave the patient, each to a speciality that
 * cannot be booked without one, valid for some weeks from today.
 */
export function referralsOf(seed: string, person: Person, now: Date): Referral[] {
  const r = new Seeded(seed, 'emias', 'referrals', person.id);
  const count = r.weighted([45, 35, 20]);
  const referable = SPECIALITIES.filter((s) => s.needsReferral);
  const today = moscowDate(now);
  const clinic = clinicOf(seed, person.registration.districtCode);
  return Array.from({ length: count }, (_, i) => ({
    id: `${r.int(1, 9)}${r.digits(11)}`,
    speciality: referable[(r.int(0, referable.length - 1) + i) % referable.length] as Speciality,
    end: fromMoscow(addDays(today, r.int(10, 60)), 23, 59),
    clinic,
  }));
}
