import { hash32, Seeded } from '../kit';
import { decodeMeshId, type Person, type Population } from '../population';

/** A school-age child as the diary knows them: school, class and meals contract. */
export interface MeshStudent {
  person: Person;
  /** The MESH person id, the `student_id` of every diary call. */
  meshId: string;
  level: number;
  letter: string;
  className: string;
  school: MeshSchool;
  classUnitId: number;
  contractId: number;
  /** `contingent_guid`: how the event calendar and the other city services name the child. */
  contingentGuid: string;
  /** `YYYY-MM-DD`, the day the child joined the school. */
  enrollmentDate: string;
}

export interface MeshSchool {
  id: number;
  name: string;
  shortName: string;
  /** The administrative district (`ЮЗАО`). */
  county: string;
  address: string;
  /** Whether the school's canteen takes meal pre-orders. */
  preorderAllowed: boolean;
}

const CLASS_LETTERS = ['А', 'Б', 'В', 'Г'] as const;
const SCHOOL_STREETS = [
  'ул. Академика Анохина',
  'ул. Обручева',
  'Мичуринский пр-т',
  'ул. Бутлерова',
  'ул. Шипиловская',
  'ул. Героев Панфиловцев',
  'ул. Молостовых',
  'Каширское ш.',
  'ул. Новаторов',
  'ул. Кировоградская',
] as const;

/**
 * The meals contract id: the child's person id and a keyed check digit, so the meals endpoints
 * can tell whose contract they were handed and refuse a made-up one. *(designed: the real ids are
 * opaque integers.)*
 */
export function encodeContractId(seed: string, personId: number): number {
  return personId * 10 + (hash32(seed, 'mesh-contract', personId) % 10);
}

export function decodeContractId(seed: string, contractId: string): number | undefined {
  if (!/^[1-9]\d{9,11}$/.test(contractId)) return undefined;
  const value = Number(contractId);
  const personId = Math.floor(value / 10);
  return hash32(seed, 'mesh-contract', personId) % 10 === value % 10 ? personId : undefined;
}

/** A 48-bit mask from the seed, so a GUID does not show the person id it carries. */
function guidMask(seed: string): bigint {
  return (BigInt(hash32(seed, 'mesh-guid-mask-hi') & 0xffffff) << 24n) | BigInt(hash32(seed, 'mesh-guid-mask-lo') & 0xffffff);
}

/**
 * The child's `contingent_guid`: a UUID whose last group carries the person id (masked) and whose
 * first group is a keyed check of it, so the calendar can find the child again and refuse a
 * made-up GUID without storing anything *(designed: the real GUIDs are opaque)*.
 */
export function encodeContingentGuid(seed: string, personId: number): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
  const check = hash32(seed, 'mesh-guid', personId);
  const more = hash32(seed, 'mesh-guid-more', personId);
  const last = (BigInt(personId) ^ guidMask(seed)).toString(16).padStart(12, '0');
  return `${hex(check, 8)}-${hex(more >>> 16, 4)}-4${hex(more & 0xfff, 3)}-8${hex((more >>> 4) & 0xfff, 3)}-${last}`;
}

export function decodeContingentGuid(seed: string, guid: string): number | undefined {
  const m = /^([0-9a-f]{8})-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-([0-9a-f]{12})$/.exec(guid);
  if (!m) return undefined;
  const personId = Number(BigInt(`0x${m[2]}`) ^ guidMask(seed));
  return Number.isSafeInteger(personId) && encodeContingentGuid(seed, personId) === guid ? personId : undefined;
}

/** The school of a building: children of one address go to one school, as they do near home. */
function schoolOf(seed: string, person: Person): MeshSchool {
  const r = new Seeded(seed, 'mesh', 'school', person.registration.unom);
  const number = r.int(1, 2099);
  return {
    id: 100_000 + number,
    name: `ГБОУ Школа № ${number}`,
    shortName: `Школа № ${number}`,
    county: person.registration.districtCode,
    address: `г. Москва, ${r.pick(SCHOOL_STREETS)}, д. ${r.int(1, 60)}`,
    preorderAllowed: r.chance(0.6),
  };
}

/** The diary's record of the student with this MESH id, or `undefined` for an unknown id. */
export function studentByMeshId(population: Population, meshId: string): MeshStudent | undefined {
  const personId = decodeMeshId(meshId);
  if (personId === undefined) return undefined;
  const person = population.person(personId);
  if (!person || person.meshPersonId !== meshId) return undefined;
  return studentOf(population, person, meshId);
}

export function studentByContingentGuid(population: Population, guid: string): MeshStudent | undefined {
  const personId = decodeContingentGuid(population.seed, guid);
  const person = personId === undefined ? undefined : population.person(personId);
  return person?.meshPersonId ? studentOf(population, person, person.meshPersonId) : undefined;
}

export function studentByContractId(population: Population, contractId: string): MeshStudent | undefined {
  const personId = decodeContractId(population.seed, contractId);
  const person = personId === undefined ? undefined : population.person(personId);
  return person?.meshPersonId ? studentOf(population, person, person.meshPersonId) : undefined;
}

function studentOf(population: Population, person: Person, meshId: string): MeshStudent {
  // Ages are counted at the population's reference date (1 September), so the class is the one
  // of that school year: a 7-year-old is in the first form.
  const level = Math.min(11, Math.max(1, population.ageOf(person) - 6));
  const letter = new Seeded(population.seed, 'mesh', 'class', person.id).pick(CLASS_LETTERS);
  const school = schoolOf(population.seed, person);
  return {
    person,
    meshId,
    level,
    letter,
    className: `${level}-${letter}`,
    school,
    classUnitId: 500_000 + (hash32(population.seed, 'mesh', 'class-unit', school.id, level, letter) % 400_000),
    contractId: encodeContractId(population.seed, person.id),
    contingentGuid: encodeContingentGuid(population.seed, person.id),
    // 1 September of the year the child started the first form.
    enrollmentDate: `${Number(population.referenceDate.slice(0, 4)) - (level - 1)}-09-01`,
  };
}
