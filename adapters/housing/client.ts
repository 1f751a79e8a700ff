import type { z } from 'zod';
import {
  inChunks,
  LegacyBadResponseError,
  LegacyNotFoundError,
  LegacyRejectionError,
  type LegacyReply,
  type LegacyTransport,
  parseWire,
  type QueryValue,
  READ_MOSTLY_FRESH_MS,
  type RenewingSession,
  SessionRefusedError,
} from '../transport';
import { HousingRetryLaterError, refusalFor, SYSTEM } from './errors';
import { toBill, toHome, toMeter, toReading } from './mapper';
import type { Bill, BillQuery, Home, HousingPort, Meter, ReadingSubmission, ReadingsPage } from './port';
import { housingSession } from './session';
import { WireCountersReply, WireEpdReply, WireHistoryReply, WireInfoReply, WireRefusal, WireResultReply, WireRetryLater } from './wire';

/** The portal takes at most this many homes in one listByPayerCode or GetEpdData call. */
const BATCH_LIMIT = 20;
/** *(designed)* history pages are at most this long. */
export const MAX_READINGS_PAGE = 50;

const ENDPOINT = {
  info: 'GET /api/profile/user/getInfo/',
  counters: 'GET /api/efp/counters/listByPayerCode/',
  history: 'GET /api/efp/counters/history/',
  add: 'PUT /api/efp/counters/addIndications/',
  remove: 'DELETE /api/efp/counters/removeLastValue/',
  epd: 'GET /pgu/common/ajax/Guis062301/GetEpdData',
} as const;
type Endpoint = (typeof ENDPOINT)[keyof typeof ENDPOINT];

/** Endpoints about one meter: their 404 means the meter is not in the home. */
const METER_ENDPOINTS: ReadonlySet<Endpoint> = new Set([ENDPOINT.history, ENDPOINT.add, ENDPOINT.remove]);

export interface HousingClientOptions {
  transport: LegacyTransport;
  /** The service token the housing system issued to the graph; it only opens the session. */
  serviceToken: string;
}

/** *(designed)* The header that names the person beside the integration's session. */
const PERSON_HEADER = 'x-person-id';
/** How long homes and bills may stand in for the portal when it fails (stale-if-error). */
const HOUSING_STALE_MS = 15 * 60_000;

/**
 * The housing system over its portal APIs, as an integration client. Calls carry the portal's
 * own cookie session (`session.ts`: one session for the service, opened with the service token,
 * renewed once when the portal refuses it) and name the person beside it, so no per-resident
 * session state has to be kept or shared between replicas.
 */
export class HousingClient implements HousingPort {
  private readonly transport: LegacyTransport;
  private readonly session: RenewingSession;

  constructor(options: HousingClientOptions) {
    if (options.transport.system !== SYSTEM) throw new Error(`HousingClient needs a transport for "${SYSTEM}"`);
    if (!options.serviceToken) throw new Error('HousingClient needs a service token');
    this.transport = options.transport;
    this.session = housingSession(options.transport, options.serviceToken);
  }

  /**
   * Signs in to the portal now. The service calls it at start so that no resident's request pays
   * for the sign-in; a failure is not fatal (the first call signs in), so it is the caller's to ignore.
   */
  openSession(): Promise<void> {
    return this.session.open();
  }

  async getHomes(personId: string): Promise<Home[]> {
    const body = await this.get(ENDPOINT.info, '/api/profile/user/getInfo/', personId, {}, WireInfoReply);
    return body.data.addresses.map((address) => toHome(address, ENDPOINT.info));
  }

  async getMeters(personId: string, userPlaceIds: ReadonlyArray<string>): Promise<Map<string, Meter[]>> {
    const ids = [...new Set(userPlaceIds)];
    const out = new Map<string, Meter[]>();
    const bodies = await inChunks(ids, BATCH_LIMIT, async (chunk) => ({
      chunk,
      body: await this.get(ENDPOINT.counters, '/api/efp/counters/listByPayerCode/', personId, { userPlaceIds: chunk.join(',') }, WireCountersReply),
    }));
    for (const { chunk, body } of bodies) {
      if (body.data.length !== chunk.length) throw new LegacyBadResponseError(SYSTEM, ENDPOINT.counters, 'data does not have one entry per home');
      body.data.forEach((entry, i) => {
        const userPlaceId = entry.userPlaceId === undefined ? (chunk[i] as string) : String(entry.userPlaceId);
        if (!chunk.includes(userPlaceId)) throw new LegacyBadResponseError(SYSTEM, ENDPOINT.counters, 'data names a home that was not asked for');
        out.set(
          userPlaceId,
          entry.activeCounters.map((counter) => toMeter(counter, userPlaceId, ENDPOINT.counters)),
        );
      });
    }
    return out;
  }

  async getReadings(personId: string, userPlaceId: string, meterId: string, page: { before?: string; limit: number }): Promise<ReadingsPage> {
    if (!/^\d+$/.test(meterId) || !/^\d+$/.test(userPlaceId)) throw new LegacyRejectionError(SYSTEM, ENDPOINT.history, 'METER_NOT_FOUND', 'no such meter');
    const limit = Math.min(Math.max(1, Math.floor(page.limit)), MAX_READINGS_PAGE);
    const body = await this.get(ENDPOINT.history, '/api/efp/counters/history/', personId, { userPlaceId, counterId: meterId, before: page.before, limit }, WireHistoryReply);
    return { readings: body.data.indications.map((i) => toReading(i, ENDPOINT.history)), hasMore: body.data.hasMore };
  }

  async getBills(personId: string, homes: ReadonlyArray<Pick<Home, 'payerCode' | 'flat'>>, query: BillQuery): Promise<Map<string, Bill[]>> {
    const unique = [...new Map(homes.map((h) => [h.payerCode, h])).values()];
    const out = new Map<string, Bill[]>();
    const bodies = await inChunks(unique, BATCH_LIMIT, async (chunk) => ({
      chunk,
      body: await this.get(
        ENDPOINT.epd,
        '/pgu/common/ajax/Guis062301/GetEpdData',
        personId,
        {
          // *(designed)* batch form: comma-separated payer codes and their flats, in the same order.
          payer_code: chunk.map((h) => h.payerCode).join(','),
          flat: chunk.map((h) => h.flat ?? '').join(','),
          beginperiod: query.from,
          endperiod: query.to,
          not_paid: query.unpaidOnly === true,
        },
        WireEpdReply,
      ),
    }));
    for (const { chunk, body } of bodies) {
      if (body.EpdList.length !== chunk.length) throw new LegacyBadResponseError(SYSTEM, ENDPOINT.epd, 'EpdList does not have one entry per payer code');
      body.EpdList.forEach((entry, i) => {
        const payerCode = entry.PayerCode ?? (chunk[i] as Pick<Home, 'payerCode'>).payerCode;
        if (!chunk.some((h) => h.payerCode === payerCode)) throw new LegacyBadResponseError(SYSTEM, ENDPOINT.epd, 'EpdList names a payer code that was not asked for');
        out.set(
          payerCode,
          entry.Epd.map((epd) => toBill(epd, payerCode, ENDPOINT.epd)),
        );
      });
    }
    return out;
  }

  async submitReading(personId: string, submission: ReadingSubmission): Promise<void> {
    await this.send('PUT', ENDPOINT.add, '/api/efp/counters/addIndications/', personId, {
      userPlaceId: submission.userPlaceId,
      counterId: submission.meterId,
      indication: submission.value,
      period: submission.period,
    });
  }

  async removeLastReading(personId: string, userPlaceId: string, meterId: string): Promise<void> {
    await this.send('DELETE', ENDPOINT.remove, '/api/efp/counters/removeLastValue/', personId, { counterId: meterId, userPlaceId });
  }

  /**
   * A read, decoded inside the transport so an answer that is no answer (the 200 `retry_later`) is
   * retried like an outage and never cached. Homes and bills are read-mostly: a resident re-opening
   * the dashboard within a minute is served from the per-principal cache. Meters are not, since a
   * reading the resident just gave must show at once.
   */
  private get<S extends z.ZodType>(endpoint: Endpoint, path: string, personId: string, query: Record<string, QueryValue>, schema: S): Promise<z.output<S>> {
    const readMostly = endpoint === ENDPOINT.info || endpoint === ENDPOINT.epd;
    return this.withSession(endpoint, (carrier) =>
      this.transport.call(
        {
          method: 'GET',
          path,
          endpoint,
          query,
          headers: { ...carrier, [PERSON_HEADER]: personId, accept: 'application/json' },
          ...(readMostly ? { cache: { key: `${personId}|${JSON.stringify(query)}`, freshMs: READ_MOSTLY_FRESH_MS, staleMs: HOUSING_STALE_MS } } : {}),
        },
        (reply) => parseWire(schema, this.payload(reply, endpoint), SYSTEM, endpoint),
      ),
    );
  }

  /**
   * A write, done only on `{ data: { result: true } }`. Sent a second time only after the portal
   * refused the session it carried: a refused session means the portal did not act on it.
   */
  private send(method: 'PUT' | 'DELETE', endpoint: Endpoint, path: string, personId: string, query: Record<string, QueryValue>): Promise<void> {
    return this.withSession(endpoint, async (carrier) => {
      const reply = await this.transport.call({
        method,
        path,
        endpoint,
        query,
        headers: { ...carrier, [PERSON_HEADER]: personId, accept: 'application/json' },
      });
      this.confirm(reply, endpoint);
    });
  }

  /**
   * A call in the portal session. A 403 the portal still answers on a session it has just given
   * is about the record, not the session: the home is not the person's.
   */
  private async withSession<T>(endpoint: Endpoint, send: (carrier: Readonly<Record<string, string>>) => Promise<T>): Promise<T> {
    try {
      return await this.session.run(send);
    } catch (error) {
      if (error instanceof SessionRefusedError && error.status === 403) {
        throw new LegacyRejectionError(SYSTEM, endpoint, 'FORBIDDEN', 'the housing system does not list this home for the person');
      }
      throw error;
    }
  }

  /** A write is done only on `{ data: { result: true } }`. */
  private confirm(reply: LegacyReply, endpoint: Endpoint): void {
    const body = parseWire(WireResultReply, this.payload(reply, endpoint), SYSTEM, endpoint);
    if (!body.data.result) throw new LegacyBadResponseError(SYSTEM, endpoint, 'data.result is false');
  }

  /** The JSON of a 200 that is a real answer; every other outcome as its typed error. */
  private payload(reply: LegacyReply, endpoint: Endpoint): unknown {
    if (reply.status === 200) {
      const json = this.transport.parseJson(reply, endpoint);
      if (WireRetryLater.safeParse(json).success) throw new HousingRetryLaterError(endpoint);
      return json;
    }
    const refusal = WireRefusal.safeParse(safeJson(reply.body));
    if (reply.status === 400) return refuse(refusalFor(endpoint, refusal.success ? refusal.data.error : undefined));
    if (reply.status === 404) {
      if (METER_ENDPOINTS.has(endpoint)) return refuse(new LegacyRejectionError(SYSTEM, endpoint, 'METER_NOT_FOUND', 'no such meter in this home'));
      return refuse(new LegacyNotFoundError(SYSTEM, endpoint));
    }
    // A session the portal no longer knows: 401 or 403 on ed.mos.ru, a redirect to the sign-on form
    // on the www.mos.ru pages. The session signs in again; a 403 that survives that is about the home.
    if (reply.status === 401 || reply.status === 403) throw new SessionRefusedError(SYSTEM, endpoint, reply.status);
    if ((reply.status === 302 || reply.status === 303) && reply.headers.location !== undefined) throw new SessionRefusedError(SYSTEM, endpoint, reply.status);
    throw new LegacyBadResponseError(SYSTEM, endpoint, `unexpected HTTP ${reply.status}`);
  }
}

const refuse = (error: Error): never => {
  throw error;
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
