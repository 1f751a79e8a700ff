import { formatSnils, MOSCOW_REGIONS, PLATE_LETTERS, snilsCheckNumber } from '../../platform/identifiers';
import { isMinorOn } from '../../platform/time';
import { Seeded } from '../kit/seeded';
import { encodeMeshId, encodeOms, encodeParkingAccount, encodePayerCode, encodeSts } from './keys';
import { DISTRICT_CODES, FEMALE_NAMES, MALE_NAMES, patronymic, STREETS, SURNAME_STEMS } from './names';

/** The city's residents, derived from a seed and an id: millions of people and no database. */

/** Adults have ids 1..99,999,999. */
export const MAX_ADULT_ID = 99_999_999;
/** A child's id is `CHILD_ID_BASE + parentId * 8 + k` for the parent's k-th child. */
export const CHILD_ID_BASE = 1_000_000_000;
const MAX_CHILDREN = 5;

export interface Registration {
  /** The city's building id. */
  unom: number;
  districtCode: string;
  addressText: string;
  flat: string;
}

export interface Vehicle {
  plate: string;
  sts: string;
}

/** Everything the city knows about a person, in domain terms; each simulator renders its part. */
export interface Person {
  id: number;
  sex: 'male' | 'female';
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  snils: string;
  omsNumber: string;
  registration: Registration;
  /** Only school-age children (7 to 17 at the reference date) are in the school diary. */
  meshPersonId: string | null;
  payerCodes: string[];
  vehicles: Vehicle[];
  parkingAccountId: string | null;
  childIds: number[];
  parentId: number | null;
}

export interface PopulationOptions {
  /** Changes every derived value; all simulators of one city must share it. */
  seed?: string;
  /**
   * The day ages are counted at (`YYYY-MM-DD`). Fixed rather than read from the clock so a person
   * does not change when a test moves time. Every child is a minor on this day; as the clock moves
   * on, the eldest turn 18 and the registry stops listing them (`minorChildrenOf`).
   */
  referenceDate?: string;
}

/**
 * People kept once generated (~800 bytes each; one takes ~10 µs to generate). A dashboard asks
 * for the same few people within a second, across every simulator; beyond that they are made
 * again. The oldest goes first, so the memory stays bounded however many residents pass by.
 */
const CACHED_PEOPLE = 10_000;

export class Population {
  readonly seed: string;
  readonly referenceDate: string;
  private readonly cache = new Map<number, Person>();

  constructor(options: PopulationOptions = {}) {
    this.seed = options.seed ?? 'moscow-2026';
    this.referenceDate = options.referenceDate ?? '2026-09-01';
  }

  /** The person with this id, or `undefined` when no such person exists. */
  person(id: number): Person | undefined {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const cached = this.cache.get(id);
    if (cached) return cached;
    const person = id <= MAX_ADULT_ID ? this.adult(id) : this.child(id);
    if (person) {
      this.cache.set(id, person);
      // A Map iterates in insertion order: the first key is the oldest.
      if (this.cache.size > CACHED_PEOPLE) this.cache.delete(this.cache.keys().next().value as number);
    }
    return person;
  }

  /** Parses a decimal id as the registry receives it in a URL. */
  personByKey(key: string): Person | undefined {
    return /^[1-9]\d{0,9}$/.test(key) ? this.person(Number(key)) : undefined;
  }

  /** The first adult at or after `from` that satisfies `predicate` (demo residents, benchmarks). */
  findAdult(predicate: (p: Person) => boolean, from = 1000): Person {
    for (let id = from; id <= MAX_ADULT_ID; id++) {
      const p = this.person(id);
      if (p && predicate(p)) return p;
    }
    throw new Error('no adult satisfies the predicate');
  }

  /**
   * The parent's children who are still minors on `today` (`YYYY-MM-DD`, Moscow): those the
   * registry lists as represented. A child's 18th birthday ends it.
   */
  minorChildrenOf(parent: Pick<Person, 'childIds'>, today: string): Person[] {
    return parent.childIds.map((id) => this.person(id)).filter((child): child is Person => child !== undefined && isMinorOn(child.birthDate, today));
  }

  /** Age in whole years at the reference date. */
  ageOf(person: Pick<Person, 'birthDate'>): number {
    const [ry, rm, rd] = this.referenceDate.split('-').map(Number) as [number, number, number];
    const [by, bm, bd] = person.birthDate.split('-').map(Number) as [number, number, number];
    return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
  }

  private adult(id: number): Person {
    const r = new Seeded(this.seed, 'adult', id);
    const sex = r.chance(0.5) ? 'male' : 'female';
    const age = r.int(18, 85);
    const birthDate = this.birthDateForAge(r, age);
    const childCount = age >= 24 && age <= 58 ? ([0, 1, 2, 3, 4, 5][r.weighted([34, 26, 20, 12, 5, 3])] ?? 0) : 0;
    const homeCount = [0, 1, 2, 3][r.weighted([12, 62, 21, 5])] ?? 1;
    const vehicleCount = [0, 1, 2, 3][r.weighted([48, 37, 12, 3])] ?? 0;
    const stem = r.pick(SURNAME_STEMS);
    const vehicles: Vehicle[] = [];
    for (let i = 0; i < vehicleCount; i++) vehicles.push({ plate: this.plate(id, i), sts: encodeSts(this.seed, id, i) });
    return {
      id,
      sex,
      lastName: sex === 'male' ? stem : `${stem}а`,
      firstName: r.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES),
      middleName: patronymic(r.pick(MALE_NAMES), sex),
      birthDate,
      snils: this.snils(r),
      omsNumber: encodeOms(this.seed, id),
      registration: this.registration(r),
      meshPersonId: null,
      payerCodes: Array.from({ length: homeCount }, (_, i) => encodePayerCode(this.seed, id, i)),
      vehicles,
      parkingAccountId: vehicleCount > 0 ? encodeParkingAccount(id) : null,
      childIds: Array.from({ length: childCount }, (_, k) => CHILD_ID_BASE + id * 8 + k),
      parentId: null,
    };
  }

  private child(id: number): Person | undefined {
    const offset = id - CHILD_ID_BASE;
    if (offset < 8) return undefined;
    const parentId = Math.floor(offset / 8);
    const k = offset % 8;
    const parent = parentId <= MAX_ADULT_ID ? this.person(parentId) : undefined;
    if (!parent || k >= parent.childIds.length || k >= MAX_CHILDREN) return undefined;
    const r = new Seeded(this.seed, 'child', id);
    const parentAge = this.ageOf(parent);
    // Children are at least 18 years younger than the parent and minors at the reference date.
    const age = r.int(0, Math.min(17, parentAge - 18));
    const sex = r.chance(0.5) ? 'male' : 'female';
    const stem = parent.sex === 'male' ? parent.lastName : parent.lastName.slice(0, -1);
    const father = parent.sex === 'male' ? parent.firstName : r.pick(MALE_NAMES);
    return {
      id,
      sex,
      lastName: sex === 'male' ? stem : `${stem}а`,
      firstName: r.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES),
      middleName: patronymic(father, sex),
      birthDate: this.birthDateForAge(r, age),
      snils: this.snils(r),
      omsNumber: encodeOms(this.seed, id),
      registration: parent.registration,
      meshPersonId: age >= 7 ? encodeMeshId(id) : null,
      payerCodes: [],
      vehicles: [],
      parkingAccountId: null,
      childIds: [],
      parentId,
    };
  }

  private birthDateForAge(r: Seeded, age: number): string {
    const [ry, rm, rd] = this.referenceDate.split('-').map(Number) as [number, number, number];
    // A day in the year that ends on the reference date `age` years ago.
    const end = Date.UTC(ry - age, rm - 1, rd);
    const day = end - r.int(0, 364) * 86_400_000;
    return new Date(day).toISOString().slice(0, 10);
  }

  private snils(r: Seeded): string {
    const body = String(r.int(2_000_000, 999_999_999)).padStart(9, '0');
    return formatSnils(body + snilsCheckNumber(body));
  }

  private registration(r: Seeded): Registration {
    const street = r.pick(STREETS);
    const house = r.int(1, 120);
    const flat = String(r.int(1, 400));
    return {
      unom: r.int(1_000_000, 4_999_999),
      districtCode: r.pick(DISTRICT_CODES),
      addressText: `г. Москва, ${street}, д. ${house}`,
      flat,
    };
  }

  private plate(personId: number, index: number): string {
    const r = new Seeded(this.seed, 'plate', personId, index);
    const letter = (): string => PLATE_LETTERS[r.int(0, PLATE_LETTERS.length - 1)] as string;
    const digits = String(r.int(1, 999)).padStart(3, '0');
    return `${letter()}${digits}${letter()}${letter()}${r.pick(MOSCOW_REGIONS)}`;
  }
}
