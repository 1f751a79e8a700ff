import {
  type AdapterSession,
  type CacheHint,
  inChunks,
  LegacyBadResponseError,
  LegacyNotFoundError,
  type LegacyTransport,
  parseWire,
  type QueryValue,
  READ_MOSTLY_FRESH_MS,
  SessionRefusedError,
} from '../transport';
import { MESH_SYSTEM, MeshParametersRefusedError, meshErrorOf } from './errors';
import { toHomework, toMark, toMealDaysPage, toMealsAccount, toMeshRole, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
import type { DateRange, Homework, Mark, MealDaysPage, MealsAccount, MeshPort, MeshRole, ScheduleEvent, StudentCalendarRef, StudentContract, StudentProfile, Visit } from './port';
import { meshSession } from './session';
import {
  type WireVisitsReply as VisitsReply,
  WireDayBalanceReply,
  WireEventsReply,
  WireHomeworkReply,
  WireMarksReply,
  WireMealsClientsReply,
  WireProfileReply,
  WireVisitsReply,
} from './wire';

const FAMILY = '/api/family/mobile/v1';
const PATH = {
  profile: `${FAMILY}/profile`,
  marks: `${FAMILY}/marks`,
  homework: `${FAMILY}/homeworks/short`,
  visits: `${FAMILY}/visits`,
  dayBalance: `${FAMILY}/day_balance_info`,
  events: '/api/eventcalendar/v1/api/events',
  mealsClients: '/api/meals/v1/clients',
} as const;

/** The endpoint labels for logs, metrics and errors: the same names MESH's own stats use. */
export const MESH_ENDPOINTS = Object.fromEntries(Object.entries(PATH).map(([k, p]) => [k, `GET ${p}`])) as {
  [K in keyof typeof PATH]: `GET ${(typeof PATH)[K]}`;
};

/**
 * How long a diary answer may stand in for MESH when it fails: marks and homework change a few
 * times a day, the profile (school, class) a few times a year. A quarter of an hour old is still
 * what a parent wants to see rather than nothing.
 */
const DIARY_STALE_MS = 15 * 60_000;

/** *(designed)* MESH's comma-separated forms take at most this many ids; a family fits in one batch. */
const BATCH_LIMIT = 20;
const VISITS_PER_PAGE = 100;
/** Pages of visits one call may read; a range the graph allows never needs this many. */
const MAX_VISIT_PAGES = 20;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface MeshClientOptions {
  transport: LegacyTransport;
  /** The token MESH issued to the graph; the session starts with it and refreshes it. */
  serviceToken: string;
  /** The session calls run in. Default: `meshSession` over the same transport, from `serviceToken`. */
  session?: AdapterSession;
}

/**
 * One wire item and whose it is, when MESH says: the *(designed)* batch forms name each item's
 * student, the real API (asked about one student) names none.
 */
interface Attributed<W> {
  item: W;
  owner: string | undefined;
}

/**
 * MESH over its REST API, each list read in one call per batch of students, with the headers
 * the mobile client sends (`session.ts` for the token).
 */
export class MeshClient implements MeshPort {
  private readonly transport: LegacyTransport;
  private readonly session: AdapterSession;
  /**
   * Endpoints that showed they do not take the *(designed)* batch forms (a 400, or items that do
   * not say whose they are), as the real MESH: asked one student at a time from then on.
   */
  private readonly oneAtATime = new Set<string>();

  constructor(options: MeshClientOptions) {
    if (options.transport.system !== MESH_SYSTEM) throw new Error(`MeshClient needs a transport for "${MESH_SYSTEM}"`);
    this.transport = options.transport;
    this.session = options.session ?? meshSession(options.transport, options.serviceToken);
  }

  async getStudents(profileId: string, meshPersonIds: ReadonlyArray<string>): Promise<Map<string, StudentProfile>> {
    const endpoint = MESH_ENDPOINTS.profile;
    const students = new Map<string, StudentProfile>();
    await inChunks(ids(meshPersonIds), BATCH_LIMIT, async (batch) => {
      const query = { student_ids: batch.join(',') };
      const body = await this.getJson(profileId, PATH.profile, endpoint, query, (json) => parseWire(WireProfileReply, json, MESH_SYSTEM, endpoint), {
        notFoundIsEmpty: true,
        cache: diaryHint(profileId, endpoint, query),
      });
      if (body === undefined) return;
      const role = toMeshRole(body.profile.type);
      for (const child of body.children) {
        const profile = toStudentProfile(child, role, endpoint);
        if (batch.includes(profile.meshPersonId)) students.set(profile.meshPersonId, profile);
      }
    });
    return students;
  }

  async getMarks(profileId: string, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Mark[]>> {
    const endpoint = MESH_ENDPOINTS.marks;
    return this.perStudent(
      endpoint,
      ids(meshPersonIds),
      async (batch) => {
        const query = { student_id: batch.join(','), from: range.from, to: range.to };
        const body = await this.getJson(profileId, PATH.marks, endpoint, query, (json) => parseWire(WireMarksReply, json, MESH_SYSTEM, endpoint), {
          notFoundIsEmpty: true,
          cache: diaryHint(profileId, endpoint, query),
        });
        return (body?.payload ?? []).map((item) => ({ item, owner: ownerId(item.student_id) }));
      },
      (item, studentId) => toMark(item, studentId, endpoint),
    );
  }

  async getHomework(profileId: string, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Homework[]>> {
    const endpoint = MESH_ENDPOINTS.homework;
    return this.perStudent(
      endpoint,
      ids(meshPersonIds),
      async (batch) => {
        // The order the mobile client asks for, which is also the order the graph shows.
        const query = { student_id: batch.join(','), from: range.from, to: range.to, sort_column: 'date', sort_direction: 'asc' };
        const body = await this.getJson(profileId, PATH.homework, endpoint, query, (json) => parseWire(WireHomeworkReply, json, MESH_SYSTEM, endpoint), {
          notFoundIsEmpty: true,
          cache: diaryHint(profileId, endpoint, query),
        });
        return (body?.payload ?? []).map((item) => ({ item, owner: ownerId(item.student_id) }));
      },
      (item, studentId) => toHomework(item, studentId, endpoint),
    );
  }

  /**
   * The event calendar, asked as the mobile client asks it: by contingent GUID, with the profile's
   * role in `x-mes-role` (and our `profile-id`, so MESH checks whom the profile represents).
   */
  async getSchedule(profileId: string, students: ReadonlyArray<StudentCalendarRef>, range: DateRange): Promise<Map<string, ScheduleEvent[]>> {
    const endpoint = MESH_ENDPOINTS.events;
    const known = students.filter((s) => GUID.test(s.contingentGuid) && ids([s.meshPersonId]).length === 1);
    const personOf = new Map(known.map((s) => [s.contingentGuid, s.meshPersonId]));
    const result = new Map<string, ScheduleEvent[]>(students.map((s) => [s.meshPersonId, []]));
    const roles = [...new Set(known.map((s) => s.viewerRole))];
    await Promise.all(
      roles.map(async (role) => {
        const guids = [...new Set(known.filter((s) => s.viewerRole === role).map((s) => s.contingentGuid))];
        const byGuid = await this.perStudent(
          endpoint,
          guids,
          async (batch) => {
            const query = { person_ids: batch.join(','), begin_date: range.from, end_date: range.to, expand: 'marks,homework,absence_reason_id,health_status,nonattendance_reason_id' };
            const body = await this.getJson(profileId, PATH.events, endpoint, query, (json) => parseWire(WireEventsReply, json, MESH_SYSTEM, endpoint), {
              notFoundIsEmpty: true,
              role,
            });
            return (body?.response ?? []).map((item) => ({ item, owner: item.person_id ?? undefined }));
          },
          (item, guid) => toScheduleEvent(item, personOf.get(guid) ?? guid, endpoint),
        );
        for (const [guid, events] of byGuid) result.get(personOf.get(guid) ?? '')?.push(...events);
      }),
    );
    return result;
  }

  /** The school pass: each student with the contract MESH files the passes under, read page by page. */
  async getVisits(profileId: string, students: ReadonlyArray<StudentContract>, range: DateRange): Promise<Map<string, Visit[]>> {
    const endpoint = MESH_ENDPOINTS.visits;
    const contractOf = new Map(students.map((s) => [s.meshPersonId, s.contractId]));
    const days = await this.perStudent(
      endpoint,
      ids([...contractOf.keys()]),
      async (batch) => {
        const query = (page: number): Record<string, QueryValue> => ({
          student_id: batch.join(','),
          contract_id: batch.map((id) => contractOf.get(id)).join(','),
          from: range.from,
          to: range.to,
          page,
          per_page: VISITS_PER_PAGE,
        });
        const read = (page: number): Promise<VisitsReply | undefined> =>
          this.getJson(profileId, PATH.visits, endpoint, query(page), (json) => parseWire(WireVisitsReply, json, MESH_SYSTEM, endpoint), { notFoundIsEmpty: true });
        const first = await read(1);
        if (!first) return [];
        // Without the paging counts (the real answer), the first answer is the whole range.
        const pages = first.total_count !== undefined && first.per_page ? Math.ceil(first.total_count / first.per_page) : 1;
        if (pages > MAX_VISIT_PAGES) throw new LegacyBadResponseError(MESH_SYSTEM, endpoint, `total_count needs more than ${MAX_VISIT_PAGES} pages`);
        const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => read(i + 2)));
        return [first, ...rest].flatMap((reply) => reply?.payload ?? []).map((item) => ({ item, owner: ownerId(item.student_id) }));
      },
      (day, studentId) => toVisits(day, studentId, endpoint),
    );
    return new Map([...days].map(([id, passes]) => [id, passes.flat()]));
  }

  async getMealsAccounts(profileId: string, contractIds: ReadonlyArray<string>): Promise<Map<string, MealsAccount>> {
    const endpoint = MESH_ENDPOINTS.mealsClients;
    const accounts = new Map<string, MealsAccount>();
    const read = (batch: string[]) =>
      this.getJson(profileId, PATH.mealsClients, endpoint, { contract_id: batch.join(',') }, (json) => parseWire(WireMealsClientsReply, json, MESH_SYSTEM, endpoint), {
        notFoundIsEmpty: true,
      });
    const keep = (batch: string[], reply: Awaited<ReturnType<typeof read>>): void => {
      for (const wire of reply === undefined ? [] : Array.isArray(reply) ? reply : [reply]) {
        const account = toMealsAccount(wire, endpoint);
        if (batch.includes(account.contractId)) accounts.set(account.contractId, account);
      }
    };
    await inChunks(ids(contractIds), BATCH_LIMIT, async (batch) => {
      const answer = await this.asBatch(endpoint, batch, read);
      if (answer.read) return keep(batch, answer.value);
      await Promise.all(batch.map(async (id) => keep([id], await read([id]))));
    });
    return accounts;
  }

  async getMealDays(profileId: string, contractId: string, page: { first: number; after?: string }): Promise<MealDaysPage> {
    const endpoint = MESH_ENDPOINTS.dayBalance;
    if (!/^\d+$/.test(contractId)) throw new LegacyNotFoundError(MESH_SYSTEM, endpoint);
    const body = await this.getJson(profileId, PATH.dayBalance, endpoint, { contract_id: contractId, first: page.first, after: page.after }, (json) =>
      parseWire(WireDayBalanceReply, json, MESH_SYSTEM, endpoint),
    );
    if (body === undefined) throw new LegacyNotFoundError(MESH_SYSTEM, endpoint);
    return toMealDaysPage(body, endpoint);
  }

  /**
   * Fetches items for many students and files each under its student; every key gets a list. An
   * answer about one student is that student's whether or not its items say so. A batch answer
   * whose items do not all say whose they are cannot be filed, and a batch MESH refuses cannot be
   * read: those students are asked again one at a time, as the real API wants to be asked, and so
   * is every later batch of that endpoint.
   */
  private async perStudent<W, T>(
    endpoint: string,
    wanted: string[],
    fetch: (batch: string[]) => Promise<Array<Attributed<W>>>,
    map: (item: W, owner: string) => T,
  ): Promise<Map<string, T[]>> {
    const result = new Map<string, T[]>(wanted.map((id) => [id, []]));
    const file = (items: Array<Attributed<W>>, alone?: string): void => {
      for (const { item, owner } of items) {
        const whose = alone ?? owner;
        if (whose !== undefined && (alone === undefined || owner === undefined || owner === alone)) result.get(whose)?.push(map(item, whose));
      }
    };
    const single = async (id: string): Promise<void> => file(await fetch([id]), id);
    await inChunks(wanted, BATCH_LIMIT, async (batch) => {
      const answer = await this.asBatch(endpoint, batch, fetch);
      if (answer.read && answer.value.every((i) => i.owner !== undefined)) return file(answer.value);
      if (answer.read) this.oneAtATime.add(endpoint);
      await Promise.all(batch.map(single));
    });
    return result;
  }

  /**
   * A batch's answer from the batch form, or `read: false` when the batch must be asked one at a
   * time: one id, an endpoint known not to take the form, or MESH refusing it now (remembered).
   */
  private async asBatch<R>(endpoint: string, batch: string[], fetch: (batch: string[]) => Promise<R>): Promise<{ read: true; value: R } | { read: false }> {
    if (batch.length === 1 || this.oneAtATime.has(endpoint)) return { read: false };
    try {
      return { read: true, value: await fetch(batch) };
    } catch (error) {
      if (!(error instanceof MeshParametersRefusedError)) throw error;
      this.oneAtATime.add(endpoint);
      return { read: false };
    }
  }

  /**
   * GET with the mobile client's headers in the session; a 200's JSON read by `read` (inside the
   * transport's policies, so only answers that read are cached), or a typed error. A 401 ends the
   * session's token: it is refreshed and the call sent once more. With `notFoundIsEmpty`, a 404
   * (MESH's answer when the only id asked for is unknown) is `undefined`. With `role`, the call is
   * to the event calendar, which wants `x-mes-role`.
   */
  private async getJson<T>(
    profileId: string,
    path: string,
    endpoint: string,
    query: Record<string, QueryValue>,
    read: (json: unknown) => T,
    options: { notFoundIsEmpty?: boolean; cache?: CacheHint; role?: MeshRole } = {},
  ): Promise<T | undefined> {
    return this.session.run((carriers) =>
      this.transport.call(
        {
          method: 'GET',
          path,
          endpoint,
          query,
          headers: {
            ...carriers,
            'x-mes-subsystem': 'familymp',
            'client-type': 'diary-mobile',
            'profile-id': profileId,
            ...(options.role ? { 'x-mes-role': options.role } : {}),
            accept: 'application/json',
          },
          ...(options.cache ? { cache: options.cache } : {}),
        },
        (reply) => {
          if (reply.status === 401) throw new SessionRefusedError(MESH_SYSTEM, endpoint);
          if (reply.status === 404 && options.notFoundIsEmpty) return undefined;
          if (reply.status !== 200) throw meshErrorOf(reply, endpoint);
          return read(this.transport.parseJson(reply, endpoint));
        },
      ),
    );
  }
}

/** Distinct ids in the shape MESH takes (digits), so a stray value cannot reach its query. */
function ids(values: ReadonlyArray<string>): string[] {
  return [...new Set(values)].filter((id) => /^\d{1,15}$/.test(id));
}

/** The student an item of a *(designed)* batch answer names. */
function ownerId(value: number | string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/** The stale-if-error hint of a diary read: the answer depends on the profile and the query. */
function diaryHint(profileId: string, endpoint: string, query: Record<string, QueryValue>): CacheHint {
  return { key: `${endpoint}|${profileId}|${JSON.stringify(query)}`, freshMs: READ_MOSTLY_FRESH_MS, staleMs: DIARY_STALE_MS };
}
