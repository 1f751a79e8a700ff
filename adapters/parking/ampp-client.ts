import type { z } from 'zod';
import { parsePlate } from '../../platform/identifiers';
import {
  inChunks,
  LegacyBadResponseError,
  type LegacyCall,
  LegacyNotFoundError,
  LegacyRejectionError,
  type LegacyReply,
  type LegacyTransport,
  parseWire,
  READ_MOSTLY_FRESH_MS,
  type RenewingSession,
  type ReplyDecoder,
  SessionRefusedError,
} from '../transport';
import { AMPP_SYSTEM, toBalance, toParking, toPermit, toSession } from './ampp-mapper';
import { WireBalanceReply, WireParkingReply, WirePermitsReply, WireSessionsReply, WireStartReply, WireStopReply } from './ampp-wire';
import { amppFailure } from './errors';
import type { AmppPort, Parking, ParkingAccount, ResidentPermit, SessionPage, StartedSession, StartSessionInput, StoppedSession } from './port';
import { amppSession } from './session';

/** AMPP's permits call takes at most this many plates. */
const PLATES_PER_CALL = 50;
const ACCOUNT_ID = /^\d{10}$/;

/**
 * Stale-if-error windows. A parking's description and prices are reference data, the same for
 * everyone: fresh for five minutes, usable for a day. A resident's permits change a few times a
 * year: a quarter of an hour old still beats nothing.
 */
const PARKING_FRESH_MS = 5 * 60_000;
const PARKING_STALE_MS = 24 * 60 * 60_000;
const PERMITS_STALE_MS = 15 * 60_000;
const SESSION_ID = /^\d{1,12}$/;

const ENDPOINT = {
  parking: 'GET /api/3.0/parkings/:id',
  balance: 'PUT /api/2.40/accounts/getbalance',
  permits: 'GET /api/2.40/permits',
  sessions: 'GET /api/2.40/sessions',
  start: 'POST /api/2.40/sessions',
  stop: 'DELETE /api/2.40/sessions/:id',
} as const;

export interface AmppClientOptions {
  /** A transport for the system named `parking`. */
  transport: LegacyTransport;
  /** The token AMPP issued to the graph; it only opens the session. */
  serviceToken: string;
}

/**
 * AMPP over REST JSON. Parkings are public and asked with no credential at all; account calls
 * carry AMPP's cabinet cookie session (`session.ts`), renewed once when AMPP answers 401.
 */
export class AmppClient implements AmppPort {
  private readonly transport: LegacyTransport;
  private readonly session: RenewingSession;

  constructor(options: AmppClientOptions) {
    if (options.transport.system !== AMPP_SYSTEM) throw new Error(`AmppClient needs a transport for "${AMPP_SYSTEM}"`);
    if (!options.serviceToken) throw new Error('AmppClient needs a service token');
    this.transport = options.transport;
    this.session = amppSession(options.transport, options.serviceToken);
  }

  /**
   * Signs in to AMPP now. The service calls it at start so that no resident's request pays for
   * the sign-in; a failure is not fatal (the first account call signs in), so it is the caller's to ignore.
   */
  openSession(): Promise<void> {
    return this.session.open();
  }

  async getParking(id: string): Promise<Parking | null> {
    if (!/^\d{1,9}$/.test(id)) return null;
    // Public data: asked with no session, so an expired one never stands between a visitor and it.
    const wire = await this.transport.call(
      {
        method: 'GET',
        path: `/api/3.0/parkings/${id}`,
        endpoint: ENDPOINT.parking,
        headers: { accept: 'application/json' },
        cache: { key: id, shared: true, freshMs: PARKING_FRESH_MS, staleMs: PARKING_STALE_MS },
      },
      (reply) => (reply.status === 404 ? null : this.payload(reply, WireParkingReply, ENDPOINT.parking).parking),
    );
    return wire === null ? null : toParking(id, wire, ENDPOINT.parking);
  }

  async getBalance(accountId: string): Promise<ParkingAccount> {
    if (!ACCOUNT_ID.test(accountId)) throw new LegacyNotFoundError(AMPP_SYSTEM, ENDPOINT.balance);
    const body = await this.call(
      {
        method: 'PUT',
        path: '/api/2.40/accounts/getbalance',
        endpoint: ENDPOINT.balance,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ accountId }).toString(),
        // A read despite the PUT: asking twice changes nothing.
        idempotent: true,
      },
      (reply) => this.payload(reply, WireBalanceReply, ENDPOINT.balance),
    );
    return { accountId, balanceKopecks: toBalance(body.balance, ENDPOINT.balance) };
  }

  async getPermits(plates: ReadonlyArray<string>): Promise<Map<string, ResidentPermit[]>> {
    const permits = new Map<string, ResidentPermit[]>(plates.map((plate) => [plate, []]));
    // A plate that is not canonical cannot have a permit, and AMPP would refuse the whole call for it.
    const valid = [...new Set(plates)].filter((plate) => parsePlate(plate) === plate);
    const replies = await inChunks(valid, PLATES_PER_CALL, (chunk) =>
      this.call(
        {
          method: 'GET',
          path: '/api/2.40/permits',
          endpoint: ENDPOINT.permits,
          query: { plate: chunk },
          cache: { key: chunk.join(','), freshMs: READ_MOSTLY_FRESH_MS, staleMs: PERMITS_STALE_MS },
        },
        (reply) => this.payload(reply, WirePermitsReply, ENDPOINT.permits),
      ),
    );
    for (const reply of replies) {
      for (const wire of reply.permits) {
        const permit = toPermit(wire, ENDPOINT.permits);
        const list = permits.get(permit.plate);
        if (!list) throw new LegacyBadResponseError(AMPP_SYSTEM, ENDPOINT.permits, 'permits[].plate was not asked for');
        list.push(permit);
      }
    }
    return permits;
  }

  async listSessions(accountId: string, page: { offset: number; limit: number }): Promise<SessionPage> {
    if (!ACCOUNT_ID.test(accountId)) throw new LegacyNotFoundError(AMPP_SYSTEM, ENDPOINT.sessions);
    const body = await this.call({ method: 'GET', path: '/api/2.40/sessions', endpoint: ENDPOINT.sessions, query: { accountId, offset: page.offset, limit: page.limit } }, (reply) =>
      this.payload(reply, WireSessionsReply, ENDPOINT.sessions),
    );
    if (!Number.isSafeInteger(body.total) || body.total < 0) throw new LegacyBadResponseError(AMPP_SYSTEM, ENDPOINT.sessions, 'total is not a count');
    return { sessions: body.sessions.map((s) => toSession(s, ENDPOINT.sessions)), total: body.total };
  }

  async startSession(input: StartSessionInput): Promise<StartedSession> {
    if (!ACCOUNT_ID.test(input.accountId)) throw new LegacyNotFoundError(AMPP_SYSTEM, ENDPOINT.start);
    const body = await this.call(
      {
        method: 'POST',
        path: '/api/2.40/sessions',
        endpoint: ENDPOINT.start,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: input.accountId, plate: input.plate, zone: input.zone, minutes: input.minutes }),
      },
      (reply) => this.payload(reply, WireStartReply, ENDPOINT.start, [200, 201]),
    );
    return { session: toSession(body.session, ENDPOINT.start), balanceKopecks: toBalance(body.balance, ENDPOINT.start) };
  }

  async stopSession(accountId: string, sessionId: string): Promise<StoppedSession> {
    if (!ACCOUNT_ID.test(accountId) || !SESSION_ID.test(sessionId)) {
      throw new LegacyRejectionError(AMPP_SYSTEM, ENDPOINT.stop, 'SESSION_NOT_FOUND', 'No such active parking session on this account.');
    }
    const body = await this.call({ method: 'DELETE', path: `/api/2.40/sessions/${sessionId}`, endpoint: ENDPOINT.stop, query: { accountId } }, (reply) =>
      this.payload(reply, WireStopReply, ENDPOINT.stop),
    );
    return {
      session: toSession(body.session, ENDPOINT.stop),
      refundKopecks: toBalance(body.refund, ENDPOINT.stop),
      balanceKopecks: toBalance(body.balance, ENDPOINT.stop),
    };
  }

  /**
   * One account call in AMPP's session; `decode` runs inside the transport's policies (AMPP's
   * in-body faults count as failures). A write is sent a second time only after AMPP refused the
   * session it carried, which means AMPP did not act on it.
   */
  private call<T>(call: LegacyCall, decode: ReplyDecoder<T>): Promise<T> {
    return this.session.run((carrier) => this.transport.call({ ...call, headers: { ...carrier, accept: 'application/json', ...call.headers } }, decode));
  }

  /** The payload of a success, checked against its wire schema; AMPP's error answers become typed errors. */
  private payload<S extends z.ZodType>(reply: LegacyReply, schema: S, endpoint: string, ok: number[] = [200]): z.output<S> {
    // A session AMPP no longer knows: the session signs in again and the call is sent once more.
    if (reply.status === 401) throw new SessionRefusedError(AMPP_SYSTEM, endpoint);
    const body = this.transport.parseJson(reply, endpoint);
    const isError = typeof body === 'object' && body !== null && 'errorCode' in body;
    if (!ok.includes(reply.status) || isError) throw amppFailure(AMPP_SYSTEM, endpoint, reply.status, body);
    return parseWire(schema, body, AMPP_SYSTEM, endpoint);
  }
}
