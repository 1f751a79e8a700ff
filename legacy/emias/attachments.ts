import { addDays, moscowDate, Seeded } from '../kit';
import type { Person } from '../population';
import { type Clinic, clinicOf } from './catalogue';

/**
 * The patient's attachments to clinics, as `getPatientInfo3` answers them (`attachments.attachment[]`
 * with `lpu.name`, `lpu.address`, `status`, `createDate`: what the public clients read). The kinds
 * asked for come in `typeAttach` (the clients send `[0, 1, 2]`): 0 the district polyclinic, 1 the
 * dental clinic, 2 the women's consultation, for women *(designed meaning of the numbers)*.
 */
export interface Attachment {
  id: number;
  typeAttach: number;
  clinic: Clinic;
  /** `YYYY-MM-DD`, the day the attachment was made. */
  createDate: string;
}

export const ATTACH_TYPES = [0, 1, 2] as const;

export function attachmentsOf(seed: string, person: Person, types: ReadonlyArray<number>, now: Date): Attachment[] {
  const today = moscowDate(now);
  return ATTACH_TYPES.filter((type) => types.includes(type) && (type !== 2 || person.sex === 'female')).map((type) => {
    const r = new Seeded(seed, 'emias', 'attachment', person.id, type);
    const districtKey = type === 0 ? person.registration.districtCode : `${person.registration.districtCode}/attach/${type}`;
    return { id: 40_000_000 + r.int(0, 59_999_999), typeAttach: type, clinic: clinicOf(seed, districtKey), createDate: addDays(today, -r.int(30, 3_000)) };
  });
}
