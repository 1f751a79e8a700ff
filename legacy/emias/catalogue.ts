import { Seeded } from '../kit';
import type { Person } from '../population';

/**
 * EMIAS reference data: the specialities a patient can look up, the district clinics and the
 * doctors who receive there. Doctors are derived from the patient's district, so two neighbours
 * see the same doctors and compete for the same slots.
 */

export interface Speciality {
  code: number;
  name: string;
  /** Who may be seen: the `male`/`female` flags of the wire shape. */
  male: boolean;
  female: boolean;
  therapeutic: boolean;
  /** Booked only with a referral from the district therapist (not part of the wire shape). */
  needsReferral: boolean;
}

export const SPECIALITIES: ReadonlyArray<Speciality> = [
  { code: 2, name: 'Терапевт', male: true, female: true, therapeutic: true, needsReferral: false },
  { code: 3, name: 'Врач общей практики', male: true, female: true, therapeutic: true, needsReferral: false },
  { code: 11, name: 'Хирург', male: true, female: true, therapeutic: false, needsReferral: false },
  { code: 12, name: 'Офтальмолог', male: true, female: true, therapeutic: false, needsReferral: false },
  { code: 13, name: 'Оториноларинголог (ЛОР)', male: true, female: true, therapeutic: false, needsReferral: false },
  { code: 14, name: 'Уролог', male: true, female: false, therapeutic: false, needsReferral: false },
  { code: 15, name: 'Акушер-гинеколог', male: false, female: true, therapeutic: false, needsReferral: false },
  { code: 21, name: 'Кардиолог', male: true, female: true, therapeutic: false, needsReferral: true },
  { code: 22, name: 'Эндокринолог', male: true, female: true, therapeutic: false, needsReferral: true },
  { code: 23, name: 'Невролог', male: true, female: true, therapeutic: false, needsReferral: true },
  { code: 24, name: 'Гастроэнтеролог', male: true, female: true, therapeutic: false, needsReferral: true },
];

export function specialityByCode(code: number): Speciality | undefined {
  return SPECIALITIES.find((s) => s.code === code);
}

/** Whether the patient's sex allows the speciality at all (a male patient cannot see a gynaecologist). */
export function servesSex(speciality: Speciality, sex: Person['sex']): boolean {
  return sex === 'male' ? speciality.male : speciality.female;
}

export interface Clinic {
  lpuId: number;
  name: string;
  shortName: string;
  address: string;
}

const CLINIC_STREETS = ['ул. Академика Павлова', 'ул. Нижегородская', 'Сиреневый б-р', 'ул. Генерала Белова', 'Каширское ш.', 'ул. Островитянова'];

/** The district's polyclinic: every patient registered in the district is attached to it. */
export function clinicOf(seed: string, districtCode: string): Clinic {
  const r = new Seeded(seed, 'emias', 'clinic', districtCode);
  const number = r.int(1, 220);
  return {
    lpuId: 10_000 + r.int(0, 89_999),
    name: `ГБУЗ «Городская поликлиника № ${number} ДЗМ»`,
    shortName: `ГП № ${number}`,
    address: `г. Москва, ${r.pick(CLINIC_STREETS)}, д. ${r.int(1, 90)}`,
  };
}

export interface Doctor {
  /** `availableResourceId` on the wire. */
  id: number;
  lastName: string;
  firstName: string;
  secondName: string;
  employeeId: number;
  complexResource: { id: number; name: string; roomId: number; roomNumber: string };
  speciality: Speciality;
  clinic: Clinic;
}

/** Doctors' names by sex: [last names, first names, patronymics]. */
const NAMES = {
  female: [['Петрова', 'Кузнецова', 'Лебедева', 'Захарова', 'Соловьёва'], ['Анна', 'Ирина', 'Ольга', 'Татьяна', 'Елена'], ['Викторовна', 'Андреевна', 'Сергеевна', 'Юрьевна']],
  male: [['Смирнов', 'Орлов', 'Никитин', 'Волков', 'Андреев'], ['Сергей', 'Дмитрий', 'Алексей', 'Михаил', 'Игорь'], ['Петрович', 'Иванович', 'Олегович', 'Павлович']],
} as const;

/** The doctors of a speciality in the district's clinic: two to four, the same on every call. */
export function doctorsFor(seed: string, districtCode: string, speciality: Speciality): Doctor[] {
  const clinic = clinicOf(seed, districtCode);
  const r = new Seeded(seed, 'emias', 'doctors', districtCode, speciality.code);
  const count = speciality.therapeutic ? r.int(3, 4) : r.int(2, 3);
  return Array.from({ length: count }, (_, i) => {
    const d = new Seeded(seed, 'emias', 'doctor', districtCode, speciality.code, i);
    const room = String(d.int(101, 450));
    const [last, first, second] = NAMES[d.chance(0.6) ? 'female' : 'male'];
    return {
      id: 100_000_000 + d.int(0, 899_999_999),
      lastName: d.pick(last),
      firstName: d.pick(first),
      secondName: d.pick(second),
      employeeId: 1_000_000 + d.int(0, 8_999_999),
      complexResource: { id: 200_000 + d.int(0, 799_999), name: `Кабинет ${room}`, roomId: 3_000 + d.int(0, 6_999), roomNumber: room },
      speciality,
      clinic,
    };
  });
}
