import { isCalendarDate } from '../../platform/identifiers';
import { daysBetween, fromRussianDate, hash32, SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import type { Person, Population } from '../population';
import { eventsOf, homeworkOf, marksOf, visitsOf } from './diary';
import { mealsLedger } from './meals';
import { studentByContractId, studentByMeshId, type MeshStudent } from './students';

/**
 * MESH, the Moscow school diary (the family mobile API). REST JSON under `/api/family/mobile/v1`
 * plus the event calendar and meals services, each call with `Authorization: Bearer <token>`,
 * `x-mes-subsystem: familymp` and `profile-id`. Errors are `{ type, description, details }`.
 *
 * `profile-id` is the signed-in resident's city person id *(designed: the real one is MESH's own
 * profile number)*; MESH serves only the students that profile represents (403 otherwise), a
 * second line behind the graph's own check.
 */

export const MESH_PREFIX = '/api/family/mobile/v1';
/** *(designed)* The batch forms take at most this many ids. */
export const MAX_BATCH_IDS = 20;
/** The longest date range one call may ask for. */
export const MAX_RANGE_DAYS = 366;
/** The visits endpoint pages; it will not hand out more than this per page. */
export const MAX_VISITS_PER_PAGE = 100;
export const MAX_MEAL_DAYS_PER_PAGE = 50;
/** What a 429 asks the caller to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 2;

const meshError = (status: number, type: string, description: string, details: unknown = null): SimHttpError =>
  new SimHttpError(status, { json: { type, description, details } });

const header = (req: SimRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function createMeshSimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const seed = population.seed;

  /** The profile the call acts for; 401 in MESH's shape without the three headers. */
  const authorize = (req: SimRequest): Person => {
    if (header(req, 'authorization') !== `Bearer ${serviceToken}`) {
      throw meshError(401, 'authentication', 'Требуется авторизация');
    }
    if (header(req, 'x-mes-subsystem') !== 'familymp') {
      throw meshError(401, 'authentication', 'Не указана подсистема (x-mes-subsystem)');
    }
    const profile = population.personByKey(header(req, 'profile-id') ?? '');
    if (!profile) throw meshError(401, 'authentication', 'Профиль не найден (profile-id)');
    return profile;
  };

  return {
    system: 'mesh',
    routes: [
      {
        method: 'GET',
        path: `${MESH_PREFIX}/profile`,
        handle(req) {
          const profile = authorize(req);
          // *(designed)* `student_ids=a,b,c` narrows the answer to those children, so one call
          // gives the school, class and contract of every child on a dashboard.
          const listed = req.query.get('student_ids');
          const students = listed === null ? studentsOfProfile(population, profile) : resolveStudents(population, profile, idList(req, 'student_ids'));
          return { json: { profile: profilePayload(profile), children: students.map(childPayload), hash: hash32(population.seed, 'mesh-profile', profile.id).toString(16) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/marks`,
        handle(req) {
          const profile = authorize(req);
          // *(designed)* `student_id` takes a comma-separated list; each mark names its student.
          const students = resolveStudents(population, profile, idList(req, 'student_id'));
          const { from, to } = isoRange(req, 'from', 'to');
          return { json: { payload: students.flatMap((s) => marksOf(seed, s, from, to, req.now)) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/homeworks/short`,
        handle(req) {
          const profile = authorize(req);
          // *(designed)* batch form as for marks.
          const students = resolveStudents(population, profile, idList(req, 'student_id'));
          const { from, to } = isoRange(req, 'from', 'to');
          return { json: { payload: students.flatMap((s) => homeworkOf(seed, s, from, to, req.now)) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/visits`,
        handle(req) {
          const profile = authorize(req);
          // *(designed)* `student_id` and `contract_id` take aligned comma-separated lists.
          const studentIds = idList(req, 'student_id');
          const contractIds = idList(req, 'contract_id');
          if (contractIds.length !== studentIds.length) {
            throw meshError(400, 'validation', 'Число contract_id не совпадает с числом student_id', { parameter: 'contract_id' });
          }
          studentIds.forEach((id, i) => {
            const byContract = studentByContractId(population, contractIds[i] ?? '');
            if (studentByMeshId(population, id) && byContract?.meshId !== id) {
              throw meshError(400, 'validation', 'contract_id не соответствует ученику', { parameter: 'contract_id' });
            }
          });
          const students = resolveStudents(population, profile, studentIds);
          // The older web endpoint: dates as DD.MM.YYYY, pages by page/per_page.
          const { from, to } = russianRange(req);
          const page = intParam(req, 'page', 1, 1, 10_000);
          const perPage = intParam(req, 'per_page', 50, 1, MAX_VISITS_PER_PAGE);
          const all = students.flatMap((s) => visitsOf(seed, s, from, to, req.now));
          return { json: { payload: all.slice((page - 1) * perPage, page * perPage), page, per_page: perPage, total_count: all.length } };
        },
      },
      {
        method: 'GET',
        path: '/api/eventcalendar/v1/api/events',
        handle(req) {
          const profile = authorize(req);
          const students = resolveStudents(population, profile, idList(req, 'person_ids'));
          const { from, to } = isoRange(req, 'begin_date', 'end_date');
          const response = students.flatMap((s) => eventsOf(seed, s, from, to, req.now));
          return { json: { total_count: response.length, response } };
        },
      },
      {
        method: 'GET',
        path: '/api/meals/v1/clients',
        handle(req) {
          const profile = authorize(req);
          // *(designed)* `contract_id` takes a comma-separated list and then answers an array of
          // the single-contract objects, each with its `contract_id`.
          const ids = idList(req, 'contract_id');
          const students = resolveByContract(population, profile, ids);
          const clients = students.map((s) => ({
            contract_id: s.contractId,
            balance: mealsLedger(seed, s, req.now).balance,
            preorderAllowed: s.school.preorderAllowed,
          }));
          return { json: ids.length === 1 ? clients[0] : clients };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/day_balance_info`,
        handle(req) {
          const profile = authorize(req);
          const contractIds = idList(req, 'contract_id');
          if (contractIds.length > 1) throw meshError(400, 'validation', 'Только один contract_id', { parameter: 'contract_id' });
          const [student] = resolveByContract(population, profile, contractIds);
          const first = intParam(req, 'first', 14, 1, MAX_MEAL_DAYS_PER_PAGE);
          const after = req.query.get('after');
          if (after !== null && !isCalendarDate(after)) throw meshError(400, 'validation', 'Параметр after должен быть в формате ГГГГ-ММ-ДД', { parameter: 'after' });
          const ledger = mealsLedger(seed, student!, req.now);
          // The cursor is the last day of the previous page; pages go back in time.
          const rest = after === null ? ledger.days : ledger.days.filter((d) => d.date < after);
          return { json: { balance: ledger.balance, hasNextPage: rest.length > first, days: rest.slice(0, first) } };
        },
      },
    ],
    failure: (status: number): SimResponse => {
      if (status === 429) {
        return {
          status,
          headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
          json: { type: 'rate_limit', description: 'Слишком много запросов, повторите позже', details: null },
        };
      }
      return { status, json: { type: status >= 500 ? 'internal' : 'error', description: 'Сервис временно недоступен', details: null } };
    },
  };
}

function idList(req: SimRequest, name: string): string[] {
  const ids = (req.query.get(name) ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  if (ids.length === 0) throw meshError(400, 'validation', `Не указан параметр ${name}`, { parameter: name });
  if (ids.length > MAX_BATCH_IDS) throw meshError(400, 'validation', `Не более ${MAX_BATCH_IDS} значений в ${name}`, { parameter: name });
  return ids;
}

function intParam(req: SimRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw meshError(400, 'validation', `Параметр ${name} должен быть целым от ${min} до ${max}`, { parameter: name });
  }
  return value;
}

function checkRange(from: string, to: string, names: [string, string]): { from: string; to: string } {
  if (from > to) throw meshError(400, 'validation', `${names[0]} позже ${names[1]}`, { parameter: names[0] });
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw meshError(400, 'validation', `Период больше ${MAX_RANGE_DAYS} дней`, { parameter: names[1] });
  return { from, to };
}

/** The family endpoints take `YYYY-MM-DD`. */
function isoRange(req: SimRequest, fromName: string, toName: string): { from: string; to: string } {
  const read = (name: string): string => {
    const value = req.query.get(name) ?? '';
    if (!isCalendarDate(value)) throw meshError(400, 'validation', `Параметр ${name} должен быть в формате ГГГГ-ММ-ДД`, { parameter: name });
    return value;
  };
  return checkRange(read(fromName), read(toName), [fromName, toName]);
}

/** The visits endpoint takes the Russian `DD.MM.YYYY`, and refuses the ISO form. */
function russianRange(req: SimRequest): { from: string; to: string } {
  const read = (name: string): string => {
    const iso = fromRussianDate(req.query.get(name) ?? '');
    if (!iso || !isCalendarDate(iso)) throw meshError(400, 'validation', `Параметр ${name} должен быть в формате ДД.ММ.ГГГГ`, { parameter: name });
    return iso;
  };
  return checkRange(read('from'), read('to'), ['from', 'to']);
}

/** A profile sees its own diary (a student's profile) and those of the children it represents. */
function represents(profile: Person, student: MeshStudent): boolean {
  return student.person.id === profile.id || profile.childIds.includes(student.person.id);
}

/**
 * The students named by the ids. One unknown id alone is a 404; in a list, unknown ids are left
 * out so one stale id does not fail a whole family. A student the profile does not represent is
 * a 403 for the whole call.
 */
function resolveStudents(population: Population, profile: Person, ids: string[]): MeshStudent[] {
  const found = ids.map((id) => studentByMeshId(population, id));
  return checkFound(profile, found, 'Ученик не найден');
}

function resolveByContract(population: Population, profile: Person, ids: string[]): MeshStudent[] {
  const found = ids.map((id) => studentByContractId(population, id));
  return checkFound(profile, found, 'Договор не найден');
}

function checkFound(profile: Person, found: Array<MeshStudent | undefined>, notFound: string): MeshStudent[] {
  const known = found.filter((s) => s !== undefined);
  if (found.length === 1 && known.length === 0) throw meshError(404, 'not_found', notFound);
  if (known.some((s) => !represents(profile, s))) throw meshError(403, 'access_denied', 'Нет доступа к данным ученика');
  return known;
}

function studentsOfProfile(population: Population, profile: Person): MeshStudent[] {
  const ids = profile.meshPersonId ? [profile.meshPersonId] : profile.childIds.map((id) => population.person(id)?.meshPersonId);
  return ids.filter((id): id is string => typeof id === 'string').map((id) => studentByMeshId(population, id)).filter((s) => s !== undefined);
}

function profilePayload(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    type: person.meshPersonId ? 'student' : 'parent',
    last_name: person.lastName,
    first_name: person.firstName,
    middle_name: person.middleName,
    birth_date: person.birthDate,
    sex: person.sex,
    snils: person.snils,
    phone: null,
    email: null,
  };
}

function childPayload(student: MeshStudent): Record<string, unknown> {
  const p = student.person;
  return {
    id: Number(student.meshId),
    type: 'student',
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: p.birthDate,
    sex: p.sex,
    snils: p.snils,
    contract_id: student.contractId,
    school: { id: student.school.id, name: student.school.name, short_name: student.school.shortName, county: student.school.county },
    class_name: student.className,
    class_level_id: student.level,
    class_unit_id: student.classUnitId,
  };
}
