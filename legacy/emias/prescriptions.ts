import { addDays, fromMoscow, moscowDate, Seeded } from '../kit';
import type { Person } from '../population';

/**
 * Prescriptions the patient's doctors wrote: the card's `GET /api/2/receipt` lists them
 * (`receipts[]` with `medicineName`, `prescriptionDate`, `expirationDate`, `prescriptionStatus`,
 * `prescriptionNumber`, as the public lk.emias.mos.ru clients read them) and the appointment API's
 * `digitalPrescription` names the electronic ones *(designed shape)*.
 */
export interface Prescription {
  /** `prescriptionNumber`: series and number, as printed on the form. */
  number: string;
  medicineName: string;
  written: Date;
  expires: Date;
}

const MEDICINES = [
  'Аторвастатин 20 мг, таблетки',
  'Метформин 500 мг, таблетки',
  'Амлодипин 5 мг, таблетки',
  'Лизиноприл 10 мг, таблетки',
  'Омепразол 20 мг, капсулы',
  'Левотироксин натрия 50 мкг, таблетки',
];

/** Zero to three, newest first; a prescription is valid for 60 days *(designed)*. */
export function prescriptionsOf(seed: string, person: Person, now: Date): Prescription[] {
  const r = new Seeded(seed, 'emias', 'prescriptions', person.id);
  const count = r.weighted([40, 30, 20, 10]);
  const today = moscowDate(now);
  return Array.from({ length: count }, () => {
    const day = addDays(today, -r.int(1, 120));
    return {
      number: `45-${r.digits(2)}-${r.digits(7)}`,
      medicineName: r.pick(MEDICINES),
      written: fromMoscow(day, r.int(9, 18), 0),
      expires: fromMoscow(addDays(day, 60), 23, 59),
    };
  }).sort((a, b) => b.written.getTime() - a.written.getTime());
}

/** `active` until it expires, `expired` after: the word the public clients test for. */
export function prescriptionStatus(prescription: Prescription, now: Date): 'active' | 'expired' {
  return prescription.expires.getTime() > now.getTime() ? 'active' : 'expired';
}
