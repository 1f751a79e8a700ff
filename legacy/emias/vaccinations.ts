import { addDays, Seeded } from '../kit';
import type { Person } from '../population';

/**
 * The card's `GET /api/3/vaccinations`: `doneList` (preventive vaccinations) and `tubList`
 * (tuberculin tests), each entry with `infectionList[].infectionName`, `dateVaccination` and the
 * patient's `age` then, and for tests `tubResultList[].reactionKind`: the fields the public
 * lk.emias.mos.ru clients read. Dates `YYYY-MM-DD` and the age as the card words it
 * (`7 лет`) are *(designed)*.
 */

interface Vaccine {
  infection: string;
  /** Age at the dose, in years. */
  atYears: number;
}

const CALENDAR: ReadonlyArray<Vaccine> = [
  { infection: 'Вирусный гепатит B', atYears: 0 },
  { infection: 'Туберкулез', atYears: 0 },
  { infection: 'Коклюш, дифтерия, столбняк', atYears: 1 },
  { infection: 'Корь, краснуха, эпидемический паротит', atYears: 1 },
  { infection: 'Корь, краснуха, эпидемический паротит', atYears: 6 },
  { infection: 'Дифтерия, столбняк', atYears: 14 },
  { infection: 'Грипп', atYears: 30 },
];
const REACTIONS = ['Отрицательная', 'Сомнительная', 'Положительная'];

/** `7 лет`, `1 год`, `3 года`. */
export function russianYears(years: number): string {
  const mod10 = years % 10;
  const mod100 = years % 100;
  const word = mod10 === 1 && mod100 !== 11 ? 'год' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'года' : 'лет';
  return `${years} ${word}`;
}

export function vaccinationsOf(seed: string, person: Person, today: string): Record<string, unknown> {
  const ageNow = Math.floor((Date.parse(today) - Date.parse(person.birthDate)) / (365.25 * 86_400_000));
  const r = new Seeded(seed, 'emias', 'vaccinations', person.id);
  const doneList = CALENDAR.filter((v) => v.atYears <= ageNow && r.chance(0.9)).map((v) => ({
    infectionList: [{ infectionName: v.infection }],
    dateVaccination: addDays(person.birthDate, v.atYears * 365 + r.int(10, 200)),
    age: russianYears(v.atYears),
  }));
  const tubList = Array.from({ length: Math.min(ageNow, 7) }, (_, i) => i + 1)
    .filter(() => r.chance(0.5))
    .map((atYears) => ({
      infectionList: [{ infectionName: 'Туберкулез' }],
      dateVaccination: addDays(person.birthDate, atYears * 365 + r.int(10, 200)),
      tubResultList: [{ reactionKind: r.pick(REACTIONS) }],
      age: russianYears(atYears),
    }));
  return { doneList, tubList };
}
