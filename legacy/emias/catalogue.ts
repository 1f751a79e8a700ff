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
  /** Booked only with a referral from the district therapist (`availableByReferral` on its doctors). */
  needsReferral: boolean;
  /** `isMultipleLpuSpeciality`: seen at any of several clinics, chosen with `getLpuListForSpeciality`. */
  multipleLpu: boolean;
  /** `isComplaintSpeciality`: booked by complaint rather than by name *(designed meaning)*. */
  complaint: boolean;
}

export const SPECIALITIES: ReadonlyArray<Speciality> = [
  { code: 2, name: 'Терапевт', male: true, female: true, therapeutic: true, needsReferral: false, multipleLpu: false, complaint: false },
  { code: 3, name: 'Врач общей практики', male: true, female: true, therapeutic: true, needsReferral: false, multipleLpu: false, complaint: false },
  { code: 11, name: 'Хирург', male: true, female: true, therapeutic: false, needsReferral: false, multipleLpu: false, complaint: true },
  { code: 12, name: 'Офтальмолог', male: true, female: true, therapeutic: false, needsReferral: false, multipleLpu: false, complaint: true },
  { code: 13, name: 'Оториноларинголог (ЛОР)', male: true, female: true, therapeutic: false, needsReferral: false, multipleLpu: true, complaint: true },
  { code: 14, name: 'Уролог', male: true, female: false, therapeutic: false, needsReferral: false, multipleLpu: false, complaint: false },
  { code: 15, name: 'Акушер-гинеколог', male: false, female: true, therapeutic: false, needsReferral: false, multipleLpu: true, complaint: false },
  { code: 21, name: 'Кардиолог', male: true, female: true, therapeutic: false, needsReferral: true, multipleLpu: false, complaint: false },
  { code: 22, name: 'Эндокринолог', male: true, female: true, therapeutic: false, needsReferral: true, multipleLpu: false, complaint: false },
  { code: 23, name: 'Невролог', male: true, female: true, therapeutic: false, needsReferral: true, multipleLpu: false, complaint: false },
  { code: 24, name: 'Гастроэнтеролог', male: true, female: true, therapeutic: false, needsReferral: true, multipleLpu: false, complaint: false },
];

export function specialityByCode(code: number): Speciality | undefined {
  return SPECIALITIES.find((s) => s.code === code);
}

/**
 * The kind of visit a speciality is booked as (`receptionType[].code`, the `receptionTypeId` that
 * the public clients pass to createAppointment and shiftAppointment instead of the speciality).
 * One primary visit per speciality *(designed: the real codes are not public)*.
 */
export function receptionTypeOf(speciality: Speciality): { code: string; name: string } {
  return { code: String(1_000 + speciality.code), name: `Первичный прием: ${speciality.name.toLowerCase()}` };
}

export function specialityByReceptionType(code: number): Speciality | undefined {
  return specialityByCode(code - 1_000);
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
  /** The building's `addressPointId`. */
  addressPointId: number;
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
    addressPointId: 5_000_000 + new Seeded(seed, 'emias', 'clinic-address-point', districtCode).int(0, 4_999_999),
  };
}

/**
 * The clinics that see a speciality for a patient: the district's own, and for a speciality seen
 * at several clinics two more (`getLpuListForSpeciality`) *(designed: the others are derived)*.
 */
export function clinicsFor(seed: string, districtCode: string, speciality: Speciality): Clinic[] {
  const own = clinicOf(seed, districtCode);
  return speciality.multipleLpu ? [own, clinicOf(seed, `${districtCode}/${speciality.code}/1`), clinicOf(seed, `${districtCode}/${speciality.code}/2`)] : [own];
}

export interface Doctor {
  /** `availableResourceId` on the wire. */
  id: number;
  lastName: string;
  firstName: string;
  secondName: string;
  employeeId: number;
  /** The doctor's id in the city's register of medical staff (`mainDoctor.mejiId`). */
  mejiId: number;
  /** The district doctor of the patient's area (the first therapist); the others are not. */
  district: boolean;
  complexResource: { id: number; name: string; roomId: number; roomNumber: string };
  speciality: Speciality;
  clinic: Clinic;
}

/** Doctors' names by sex: [last names, first names, patronymics]. */
const NAMES = {
  female: [
    ['Петрова', 'Кузнецова', 'Лебедева', 'Захарова', 'Соловьёва'],
    ['Анна', 'Ирина', 'Ольга', 'Татьяна', 'Елена'],
    ['Викторовна', 'Андреевна', 'Сергеевна', 'Юрьевна'],
  ],
  male: [
    ['Смирнов', 'Орлов', 'Никитин', 'Волков', 'Андреев'],
    ['Сергей', 'Дмитрий', 'Алексей', 'Михаил', 'Игорь'],
    ['Петрович', 'Иванович', 'Олегович', 'Павлович'],
  ],
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
      // Drawn from their own stream, so the fields above stay what they were before these existed.
      mejiId: 10_000_000 + new Seeded(seed, 'emias', 'doctor-meji', districtCode, speciality.code, i).int(0, 89_999_999),
      district: speciality.therapeutic && i === 0,
      speciality,
      clinic,
    };
  });
}
