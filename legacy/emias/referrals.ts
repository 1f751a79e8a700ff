import { addDays, fromMoscow, moscowDate, Seeded } from '../kit';
import type { Person } from '../population';
import { type Clinic, clinicOf, SPECIALITIES, type Speciality } from './catalogue';

/** A diagnostic procedure (LDP, лечебно-диагностическая процедура) a referral or an assignment names. */
export interface LdpType {
  id: number;
  name: string;
}

export const LDP_TYPES: ReadonlyArray<LdpType> = [
  { id: 6_001, name: 'Флюорография' },
  { id: 6_002, name: 'Электрокардиография' },
  { id: 6_003, name: 'Общий анализ крови' },
  { id: 6_004, name: 'УЗИ органов брюшной полости' },
];

interface ReferralBase {
  /** EMIAS's record id, a number (`id`). */
  id: number;
  /** The referral's own number, 12 digits (`number`). */
  number: string;
  /** When the therapist gave it. */
  issued: Date;
  /** The last instant the referral can be used (23:59 Moscow time of its last day). */
  end: Date;
  clinic: Clinic;
}

/** A referral to a doctor of a speciality (`type: "REF_TO_DOCTOR"`). */
export interface Referral extends ReferralBase {
  speciality: Speciality;
}

/** A referral to a procedure (`type: "REF_TO_LDP"`, with `toLdp` and no `toDoctor`). */
export interface LdpReferral extends ReferralBase {
  ldp: LdpType;
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
  return Array.from({ length: count }, (_, i) => {
    const number = `${r.int(1, 9)}${r.digits(11)}`;
    const speciality = referable[(r.int(0, referable.length - 1) + i) % referable.length] as Speciality;
    const end = fromMoscow(addDays(today, r.int(10, 60)), 23, 59);
    // The fields the first version did not have come from their own stream, so the referrals
    // every patient already had keep their number, speciality and end.
    const extra = new Seeded(seed, 'emias', 'referral-record', person.id, i);
    return { id: 300_000_000 + extra.int(0, 599_999_999), number, speciality, issued: fromMoscow(addDays(today, -extra.int(1, 20)), 10, 0), end, clinic };
  });
}

/** The zero or one referral to a procedure the therapist gave the patient. */
export function ldpReferralsOf(seed: string, person: Person, now: Date): LdpReferral[] {
  const r = new Seeded(seed, 'emias', 'ldp-referrals', person.id);
  if (!r.chance(0.3)) return [];
  const today = moscowDate(now);
  return [
    {
      id: 300_000_000 + r.int(0, 599_999_999),
      number: `${r.int(1, 9)}${r.digits(11)}`,
      ldp: r.pick(LDP_TYPES),
      issued: fromMoscow(addDays(today, -r.int(1, 20)), 10, 0),
      end: fromMoscow(addDays(today, r.int(10, 40)), 23, 59),
      clinic: clinicOf(seed, person.registration.districtCode),
    },
  ];
}
