import { LegacyBadResponseError, LegacyNotFoundError, LegacyTransport, parseWire, type CacheHint, type QueryValue, READ_MOSTLY_FRESH_MS } from '../transport';
import { MESH_SYSTEM, meshErrorOf } from './errors';
import { toHomework, toMark, toMealDaysPage, toMealsAccount, toRussianDate, toScheduleEvent, toStudentProfile, toVisits } from './mapper';
import type {
  DateRange,
  Homework,
  Mark,
  MealDaysPage,
  MealsAccount,
  MeshCallContext,
  MeshPort,
  ScheduleEvent,
  StudentContract,
  StudentProfile,
  Visit,
} from './port';
import {
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

/** *(designed)* MESH's comma-separated forms take at most this many ids. */
const BATCH_LIMIT = 20;
const VISITS_PER_PAGE = 100;
/** Pages of visits one call may read; a range the graph allows never needs this many. */
const MAX_VISIT_PAGES = 20;

export interface MeshClientOptions {
  transport: LegacyTransport;
  /** The token MESH issued to the graph. */
  serviceToken: string;
}

/** MESH over its REST API, every list read in one call per batch of students. */
export class MeshClient implements MeshPort {
  private readonly transport: LegacyTransport;
  private readonly serviceToken: string;

  constructor(options: MeshClientOptions) {
    if (options.transport.system !== MESH_SYSTEM) throw new Error(`MeshClient needs a transport for "${MESH_SYSTEM}"`);
    this.transport = options.transport;
    this.serviceToken = options.serviceToken;
  }

  async getStudents(call: MeshCallContext, meshPersonIds: ReadonlyArray<string>): Promise<Map<string, StudentProfile>> {
    const endpoint = MESH_ENDPOINTS.profile;
    const students = new Map<string, StudentProfile>();
    await this.eachBatch(ids(meshPersonIds), async (batch) => {
      const query = { student_ids: batch.join(',') };
      const body = await this.getJson(call, PATH.profile, endpoint, query, (json) => parseWire(WireProfileReply, json, MESH_SYSTEM, endpoint), {
        notFoundIsEmpty: true,
        cache: diaryHint(call, endpoint, query),
      });
      if (body === undefined) return;
      for (const child of body.children) {
        const profile = toStudentProfile(child, endpoint);
        if (batch.includes(profile.meshPersonId)) students.set(profile.meshPersonId, profile);
      }
    });
    return students;
  }

  async getMarks(call: MeshCallContext, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Mark[]>> {
    const endpoint = MESH_ENDPOINTS.marks;
    return this.perStudent(meshPersonIds, async (batch) => {
      const query = { student_id: batch.join(','), from: range.from, to: range.to };
      const body = await this.getJson(call, PATH.marks, endpoint, query, (json) => parseWire(WireMarksReply, json, MESH_SYSTEM, endpoint), {
        notFoundIsEmpty: true,
        cache: diaryHint(call, endpoint, query),
      });
      return body === undefined ? [] : body.payload.map((m) => toMark(m, endpoint));
    });
  }

  async getHomework(call: MeshCallContext, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, Homework[]>> {
    const endpoint = MESH_ENDPOINTS.homework;
    return this.perStudent(meshPersonIds, async (batch) => {
      const query = { student_id: batch.join(','), from: range.from, to: range.to };
      const body = await this.getJson(call, PATH.homework, endpoint, query, (json) => parseWire(WireHomeworkReply, json, MESH_SYSTEM, endpoint), {
        notFoundIsEmpty: true,
        cache: diaryHint(call, endpoint, query),
      });
      return body === undefined ? [] : body.payload.map((h) => toHomework(h, endpoint));
    });
  }

  async getSchedule(call: MeshCallContext, meshPersonIds: ReadonlyArray<string>, range: DateRange): Promise<Map<string, ScheduleEvent[]>> {
    const endpoint = MESH_ENDPOINTS.events;
    return this.perStudent(meshPersonIds, async (batch) => {
      const query = { person_ids: batch.join(','), begin_date: range.from, end_date: range.to };
      const body = await this.getJson(call, PATH.events, endpoint, query, (json) => parseWire(WireEventsReply, json, MESH_SYSTEM, endpoint), { notFoundIsEmpty: true });
      return body === undefined ? [] : body.response.map((e) => toScheduleEvent(e, endpoint));
    });
  }

  /** The school pass: the older web endpoint, Russian dates both ways, read page by page. */
  async getVisits(call: MeshCallContext, students: ReadonlyArray<StudentContract>, range: DateRange): Promise<Map<string, Visit[]>> {
    const endpoint = MESH_ENDPOINTS.visits;
    const contractOf = new Map(students.map((s) => [s.meshPersonId, s.contractId]));
    return this.perStudent([...contractOf.keys()], async (batch) => {
      const query = (page: number): Record<string, QueryValue> => ({
        student_id: batch.join(','),
        contract_id: batch.map((id) => contractOf.get(id)).join(','),
        from: toRussianDate(range.from),
        to: toRussianDate(range.to),
        page,
        per_page: VISITS_PER_PAGE,
      });
      const read = async (page: number) => {
        return this.getJson(call, PATH.visits, endpoint, query(page), (json) => parseWire(WireVisitsReply, json, MESH_SYSTEM, endpoint), { notFoundIsEmpty: true });
      };
      const first = await read(1);
      if (!first) return [];
      const pages = Math.ceil(first.total_count / first.per_page);
      if (pages > MAX_VISIT_PAGES) throw new LegacyBadResponseError(MESH_SYSTEM, endpoint, `total_count needs more than ${MAX_VISIT_PAGES} pages`);
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => read(i + 2)));
      return [first, ...rest].flatMap((reply) => reply?.payload ?? []).flatMap((day) => toVisits(day, endpoint));
    });
  }

  async getMealsAccounts(call: MeshCallContext, contractIds: ReadonlyArray<string>): Promise<Map<string, MealsAccount>> {
    const endpoint = MESH_ENDPOINTS.mealsClients;
    const accounts = new Map<string, MealsAccount>();
    await this.eachBatch(ids(contractIds), async (batch) => {
      const query = { contract_id: batch.join(',') };
      const reply = await this.getJson(call, PATH.mealsClients, endpoint, query, (json) => parseWire(WireMealsClientsReply, json, MESH_SYSTEM, endpoint), { notFoundIsEmpty: true });
      if (reply === undefined) return;
      for (const wire of Array.isArray(reply) ? reply : [reply]) {
        const account = toMealsAccount(wire);
        if (batch.includes(account.contractId)) accounts.set(account.contractId, account);
      }
    });
    return accounts;
  }

  async getMealDays(call: MeshCallContext, contractId: string, page: { first: number; after?: string }): Promise<MealDaysPage> {
    const endpoint = MESH_ENDPOINTS.dayBalance;
    if (!/^\d+$/.test(contractId)) throw new LegacyNotFoundError(MESH_SYSTEM, endpoint);
    const body = await this.getJson(call, PATH.dayBalance, endpoint, { contract_id: contractId, first: page.first, after: page.after }, (json) =>
      parseWire(WireDayBalanceReply, json, MESH_SYSTEM, endpoint),
    );
    if (body === undefined) throw new LegacyNotFoundError(MESH_SYSTEM, endpoint);
    return toMealDaysPage(body, endpoint);
  }

  /** Runs the batches in parallel; a family fits in one. */
  private async eachBatch(all: string[], run: (batch: string[]) => Promise<void>): Promise<void> {
    const batches: string[][] = [];
    for (let i = 0; i < all.length; i += BATCH_LIMIT) batches.push(all.slice(i, i + BATCH_LIMIT));
    await Promise.all(batches.map(run));
  }

  /** Fetches items for many students and files each under its `studentId`; every id gets a list. */
  private async perStudent<T extends { studentId: string }>(
    meshPersonIds: ReadonlyArray<string>,
    fetch: (batch: string[]) => Promise<T[]>,
  ): Promise<Map<string, T[]>> {
    const wanted = ids(meshPersonIds);
    const result = new Map<string, T[]>(wanted.map((id) => [id, []]));
    await this.eachBatch(wanted, async (batch) => {
      for (const item of await fetch(batch)) result.get(item.studentId)?.push(item);
    });
    return result;
  }

  /**
   * GET with MESH's three headers; a 200's JSON read by `read` (inside the transport's policies,
   * so only answers that read are cached), or a typed error. With `notFoundIsEmpty`, a 404 (MESH's
   * answer when the only id asked for is unknown) is `undefined`.
   */
  private async getJson<T>(
    call: MeshCallContext,
    path: string,
    endpoint: string,
    query: Record<string, QueryValue>,
    read: (json: unknown) => T,
    options: { notFoundIsEmpty?: boolean; cache?: CacheHint } = {},
  ): Promise<T | undefined> {
    return this.transport.call(
      {
        method: 'GET',
        path,
        endpoint,
        query,
        headers: {
          authorization: `Bearer ${this.serviceToken}`,
          'x-mes-subsystem': 'familymp',
          'profile-id': call.profileId,
          'client-type': 'diary-mobile',
          accept: 'application/json',
        },
        requestId: call.requestId,
        deadline: call.deadline,
        ...(options.cache ? { cache: options.cache } : {}),
      },
      (reply) => {
        if (reply.status === 404 && options.notFoundIsEmpty) return undefined;
        if (reply.status !== 200) throw meshErrorOf(reply, endpoint);
        return read(this.transport.parseJson(reply, endpoint));
      },
    );
  }
}

/** Distinct ids in the shape MESH takes (digits), so a stray value cannot reach its query. */
function ids(values: ReadonlyArray<string>): string[] {
  return [...new Set(values)].filter((id) => /^\d{1,15}$/.test(id));
}

/** The stale-if-error hint of a diary read: the answer depends on the profile and the query. */
function diaryHint(call: MeshCallContext, endpoint: string, query: Record<string, QueryValue>): CacheHint {
  return { key: `${endpoint}|${call.profileId}|${JSON.stringify(query)}`, freshMs: READ_MOSTLY_FRESH_MS, staleMs: DIARY_STALE_MS };
}
