import { isCalendarDate } from '../../platform/identifiers';
import { daysBetween, hash32, moscowDate, SignedTokens, SimHttpError, type SimRequest, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import type { Person, Population } from '../population';
import { eventsOf, homeworkOf, isAtSchool, marksOf, visitsOf } from './diary';
import { mealsLedger } from './meals';
import { periodsOf } from './periods';
import { schoolInfoOf } from './school-info';
import { type MeshStudent, studentByContingentGuid, studentByContractId, studentByMeshId } from './students';
import { subjectMarksOf, subjectsOf } from './subject-marks';

/**
 * MESH, the Moscow school diary (the family mobile API), as OctoDiary-py speaks to it: REST JSON
 * under `/api/family/mobile/v1`, plus the event calendar and the meals service. Every call carries
 * the user's token (`Authorization: Bearer`, and as the mobile client also sends it, `Auth-Token`
 * and the `aupd_token` cookie: any one is enough), `x-mes-subsystem: familymp` and `profile-id`;
 * the event calendar wants `x-mes-role` and names the child by `contingent_guid`. Errors are
 * `{ type, description, details }`.
 *
 * Tokens: the integration's service token always works; `GET /v2/token/refresh` exchanges a token
 * (the service token, or a session token up to a week after it expired) for a new session token
 * that lives a day on the simulator's clock *(designed lifetimes)*. `profile-id` is the signed-in
 * resident's city person id *(designed: the real one is MESH's own profile number)*; MESH serves
 * only the students that profile represents (403 otherwise), a second line behind the graph's own
 * check.
 *
 * Real calls name one student. *(designed)* The batch forms take comma-separated ids and then
 * name the student on each item (`student_id`; the calendar's `person_id`, a contingent GUID), so
 * a family costs one call; asked for one student, items carry no student, as the real ones do.
 */

export const MESH_PREFIX = '/api/family/mobile/v1';
export const TOKEN_REFRESH_PATH = '/v2/token/refresh';
/** *(designed)* The batch forms take at most this many ids. */
export const MAX_BATCH_IDS = 20;
/** The longest date range one call may ask for. */
export const MAX_RANGE_DAYS = 366;
/** The visits endpoint pages; it will not hand out more than this per page. */
export const MAX_VISITS_PER_PAGE = 100;
export const MAX_MEAL_DAYS_PER_PAGE = 50;
/** What a 429 asks the caller to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 2;
/** *(designed)* A session token lives a day, and may be refreshed for a week after it expired. */
export const SESSION_LIFETIME_MS = 24 * 60 * 60_000;
export const REFRESH_WINDOW_MS = 7 * 24 * 60 * 60_000;
const ROLES = ['parent', 'student'] as const;

const meshError = (status: number, type: string, description: string, details: unknown = null): SimHttpError => new SimHttpError(status, { json: { type, description, details } });

const header = (req: SimRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The token, wherever the client put it. */
function tokenOf(req: SimRequest): string | undefined {
  const authorization = header(req, 'authorization');
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length);
  return header(req, 'auth-token') ?? req.cookie('aupd_token') ?? req.cookie('aupdtoken');
}

/** Items for several students, each naming its own; for one, as the real API answers, none. */
function owned(asked: number, students: MeshStudent[], items: (s: MeshStudent) => Record<string, unknown>[], owner: (s: MeshStudent) => Record<string, unknown>): Record<string, unknown>[] {
  return asked === 1 ? students.flatMap(items) : students.flatMap((s) => items(s).map((item) => ({ ...owner(s), ...item })));
}
const byStudentId = (s: MeshStudent) => ({ student_id: Number(s.meshId) });

export interface MeshSimulatorOptions {
  /**
   * Whether the *(designed)* batch forms are served. Off, the simulator answers as the real MESH
   * does as far as the public clients show: one student (or contract, or GUID) per call, a list
   * refused with 400, and no `student_ids` filter on the profile. Default on.
   */
  batchForms?: boolean;
}

export function createMeshSimulator({ population, serviceToken }: SimulatorDeps, options: MeshSimulatorOptions = {}): SimulatorDefinition {
  const seed = population.seed;
  const sessions = new SignedTokens(seed, 'mesh-session');
  const batchForms = options.batchForms ?? true;

  /** The ids of a parameter, refused as a list when the batch forms are off. */
  const asked = (req: SimRequest, name: string, pattern?: RegExp): string[] => {
    const ids = idList(req, name, pattern);
    if (!batchForms && ids.length > 1) throw meshError(400, 'validation', `Параметр ${name} должен быть числом`, { parameter: name });
    return ids;
  };

  /** 401 in MESH's shape unless the call carries a token that works now. */
  const authenticate = async (req: SimRequest): Promise<void> => {
    const token = tokenOf(req);
    if (token !== undefined && (token === serviceToken || (await sessions.isValid(token, req.now)))) return;
    throw meshError(401, 'authentication', 'Требуется авторизация');
  };

  /** The profile the call acts for; 401 in MESH's shape without the token, the subsystem or a known profile. */
  const authorize = async (req: SimRequest): Promise<Person> => {
    await authenticate(req);
    if (header(req, 'x-mes-subsystem') !== 'familymp') {
      throw meshError(401, 'authentication', 'Не указана подсистема (x-mes-subsystem)');
    }
    const profile = population.personByKey(header(req, 'profile-id') ?? '');
    if (!profile) throw meshError(401, 'authentication', 'Профиль не найден (profile-id)');
    return profile;
  };

  /** One student, by `student_id`, that the profile represents. */
  const oneStudent = (req: SimRequest, profile: Person): MeshStudent => {
    const ids = idList(req, 'student_id');
    if (ids.length > 1) throw meshError(400, 'validation', 'Только один student_id', { parameter: 'student_id' });
    return resolveStudents(population, profile, ids)[0]!;
  };

  return {
    system: 'mesh',
    routes: [
      {
        method: 'GET',
        path: TOKEN_REFRESH_PATH,
        async handle(req) {
          const token = tokenOf(req);
          if (token === undefined || (token !== serviceToken && !(await sessions.isValid(token, req.now, REFRESH_WINDOW_MS)))) {
            throw meshError(401, 'authentication', 'Токен недействителен');
          }
          return { contentType: 'text/plain; charset=utf-8', text: await sessions.issue(req.now, SESSION_LIFETIME_MS, 'integration') };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/profile`,
        async handle(req) {
          const profile = await authorize(req);
          // *(designed)* `student_ids=a,b,c` narrows the answer to those children, so one call
          // gives the school, class and contract of every child on a dashboard.
          const listed = batchForms ? req.query.get('student_ids') : null;
          const students = listed === null ? studentsOfProfile(population, profile) : resolveStudents(population, profile, idList(req, 'student_ids'));
          return {
            json: { profile: profilePayload(profile), children: students.map((s) => childPayload(s, profile)), hash: hash32(population.seed, 'mesh-profile', profile.id).toString(16) },
          };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/marks`,
        async handle(req) {
          const profile = await authorize(req);
          const ids = asked(req, 'student_id');
          const students = resolveStudents(population, profile, ids);
          const { from, to } = isoRange(req, 'from', 'to');
          return { json: { payload: owned(ids.length, students, (s) => marksOf(seed, s, from, to, req.now), byStudentId) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/homeworks/short`,
        async handle(req) {
          const profile = await authorize(req);
          const ids = asked(req, 'student_id');
          const students = resolveStudents(population, profile, ids);
          const { from, to } = isoRange(req, 'from', 'to');
          // `sort_column=date&sort_direction=asc` is what the clients send, and the order served.
          return { json: { payload: owned(ids.length, students, (s) => homeworkOf(seed, s, from, to, req.now), byStudentId) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/visits`,
        async handle(req) {
          const profile = await authorize(req);
          // *(designed)* `student_id` and `contract_id` take aligned comma-separated lists.
          const studentIds = asked(req, 'student_id');
          const contractIds = asked(req, 'contract_id');
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
          const { from, to } = isoRange(req, 'from', 'to');
          // *(designed)* Long ranges page by page/per_page; without them the first page.
          const page = intParam(req, 'page', 1, 1, 10_000);
          const perPage = intParam(req, 'per_page', 50, 1, MAX_VISITS_PER_PAGE);
          const all = owned(studentIds.length, students, (s) => visitsOf(seed, s, from, to, req.now), byStudentId);
          return { json: { payload: all.slice((page - 1) * perPage, page * perPage), page, per_page: perPage, total_count: all.length } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/status`,
        async handle(req) {
          const profile = await authorize(req);
          const students = resolveByContract(population, profile, idList(req, 'contract_ids'));
          return {
            json: {
              students: students.map((s) => ({ balance: mealsLedger(seed, s, req.now).balance, contract_id: s.contractId, at_school: isAtSchool(seed, s, req.now) })),
            },
          };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/school_info`,
        async handle(req) {
          const profile = await authorize(req);
          const schoolId = req.query.get('school_id');
          const classUnitId = req.query.get('class_unit_id');
          // A school is known through a child of the profile who goes there.
          const student = studentsOfProfile(population, profile).find((s) => String(s.school.id) === schoolId && String(s.classUnitId) === classUnitId);
          if (!student) throw meshError(404, 'not_found', 'Школа не найдена');
          return { json: schoolInfoOf(seed, student) };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/periods_schedules`,
        async handle(req) {
          oneStudent(req, await authorize(req));
          const { from, to } = isoRange(req, 'from', 'to');
          return { json: periodsOf(from, to) };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/subject_marks/short`,
        async handle(req) {
          const student = oneStudent(req, await authorize(req));
          return { json: { payload: subjectMarksOf(seed, student, req.now, moscowDate(req.now)) } };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/subjects/list`,
        async handle(req) {
          const student = oneStudent(req, await authorize(req));
          return { json: { payload: subjectsOf(student) } };
        },
      },
      {
        method: 'GET',
        path: '/api/eventcalendar/v1/api/events',
        async handle(req) {
          await authenticate(req);
          const role = header(req, 'x-mes-role');
          if (!ROLES.includes(role as (typeof ROLES)[number])) throw meshError(401, 'authentication', 'Не указана роль (x-mes-role)');
          const guids = asked(req, 'person_ids', /^[0-9a-f-]{36}$/);
          const found = guids.map((guid) => studentByContingentGuid(population, guid));
          // The calendar is asked by the token's owner; with `profile-id` (our integration sends
          // it), the profile must represent the children and speak in its own role. OctoDiary
          // sends none: the simulator cannot tell whose token the service token is.
          const profileId = header(req, 'profile-id');
          const profile = profileId === undefined ? undefined : (population.personByKey(profileId) ?? unknownProfile());
          const students = checkFound(profile, found, 'Ученик не найден');
          if (profile && role !== (profile.meshPersonId ? 'student' : 'parent')) throw meshError(403, 'access_denied', 'Роль не соответствует профилю');
          const { from, to } = isoRange(req, 'begin_date', 'end_date');
          // `expand=marks,homework,…` is what the clients send; the simulator's lessons carry neither.
          const response = owned(
            guids.length,
            students,
            (s) => eventsOf(seed, s, from, to, req.now),
            (s) => ({ person_id: s.contingentGuid }),
          );
          return { json: { total_count: response.length, response, errors: null } };
        },
      },
      {
        method: 'GET',
        path: '/api/meals/v1/clients',
        async handle(req) {
          const profile = await authorize(req);
          // *(designed)* `contract_id` takes a comma-separated list and then answers an array of
          // the single-contract objects, each naming its contract in `clientId.contractId`.
          const ids = asked(req, 'contract_id');
          const clients = resolveByContract(population, profile, ids).map((s) => ({
            clientId: { contractId: s.contractId, staffId: null, personId: s.contingentGuid },
            organization: { name: s.school.name, type: 'school', address: s.school.address },
            preorderAllowed: s.school.preorderAllowed,
            balance: mealsLedger(seed, s, req.now).balance,
            foodboxAllowed: false,
            foodboxAvailable: false,
          }));
          return { json: ids.length === 1 ? clients[0] : clients };
        },
      },
      {
        method: 'GET',
        path: `${MESH_PREFIX}/day_balance_info`,
        async handle(req) {
          const profile = await authorize(req);
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

function unknownProfile(): never {
  throw meshError(401, 'authentication', 'Профиль не найден (profile-id)');
}

function idList(req: SimRequest, name: string, pattern = /^\d{1,15}$/): string[] {
  const ids = (req.query.get(name) ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (!ids.every((id) => pattern.test(id))) throw meshError(400, 'validation', `Параметр ${name} задан неверно`, { parameter: name });
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

/** The students found; with a profile, only if it represents them all. */
function checkFound(profile: Person | undefined, found: Array<MeshStudent | undefined>, notFound: string): MeshStudent[] {
  const known = found.filter((s) => s !== undefined);
  if (found.length === 1 && known.length === 0) throw meshError(404, 'not_found', notFound);
  if (profile && known.some((s) => !represents(profile, s))) throw meshError(403, 'access_denied', 'Нет доступа к данным ученика');
  return known;
}

function studentsOfProfile(population: Population, profile: Person): MeshStudent[] {
  const ids = profile.meshPersonId ? [profile.meshPersonId] : profile.childIds.map((id) => population.person(id)?.meshPersonId);
  return ids
    .filter((id): id is string => typeof id === 'string')
    .map((id) => studentByMeshId(population, id))
    .filter((s) => s !== undefined);
}

function profilePayload(person: Person): Record<string, unknown> {
  return {
    id: person.id,
    user_id: 20_000_000 + (hash32('mesh-user', person.id) % 70_000_000),
    contract_id: null,
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

/** A child as the profile lists it: every field OctoDiary-py's model reads. */
function childPayload(student: MeshStudent, profile: Person): Record<string, unknown> {
  const p = student.person;
  return {
    id: Number(student.meshId),
    user_id: 20_000_000 + (hash32('mesh-user', p.id) % 70_000_000),
    type: 'student',
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: p.birthDate,
    sex: p.sex,
    phone: null,
    email: null,
    snils: p.snils,
    contract_id: student.contractId,
    school: {
      id: student.school.id,
      name: student.school.name,
      short_name: student.school.shortName,
      county: student.school.county,
      principal: null,
      phone: null,
      global_school_id: student.school.id,
    },
    class_name: student.className,
    class_level_id: student.level,
    class_unit_id: student.classUnitId,
    groups: [],
    representatives: [],
    sections: [],
    sudir_account_exists: false,
    sudir_login: null,
    is_legal_representative: profile.id !== p.id,
    parallel_curriculum_id: null,
    contingent_guid: student.contingentGuid,
    enrollment_date: student.enrollmentDate,
  };
}
