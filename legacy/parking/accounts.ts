import { addDays, fromMoscow, hash32, moscowDate, Seeded } from '../kit';
import { decodeParkingAccount, type Person, type Population } from '../population';
import type { ParkingReference, Zone } from './reference-data';

/** A parking session as AMPP keeps it; the started ones live in memory, the history is derived. */
export interface StoredSession {
  id: string;
  accountId: string;
  plate: string;
  zone: Zone;
  start: Date;
  end: Date;
  minutes: number;
  /** What the account was charged when the session started, in kopecks. */
  charged: number;
  /** Returned to the account when the session was stopped early. */
  refund: number;
  stoppedAt?: Date;
}

export type SessionStatus = 'active' | 'finished' | 'stopped';

/** Why AMPP refused a session; the routes render it in AMPP's error shape. */
export class AmppRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sessions are paid for in advance: from 15 minutes to a day. */
export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 1440;
/** How far back the session list reaches. */
const HISTORY_DAYS = 30;

/** The cost of `minutes` in a zone, rounded up to the kopeck. */
export function sessionCost(minutes: number, zone: Zone): number {
  return Math.ceil((minutes * zone.hourlyKopecks) / 60);
}

/** The balance an account opens with: mostly a few hundred roubles, sometimes nearly nothing. */
export function initialBalanceKopecks(seed: string, personId: number): number {
  const r = new Seeded(seed, 'parking', 'balance', personId);
  return r.chance(0.15) ? r.int(0, 9_999) : r.int(100, 5_000) * 100 + r.int(0, 99);
}

export function sessionStatus(session: StoredSession, now: Date): SessionStatus {
  if (session.stoppedAt) return 'stopped';
  return session.end.getTime() > now.getTime() ? 'active' : 'finished';
}

/**
 * AMPP accounts of one simulator instance: balances (derived at first touch, then kept) and the
 * sessions started through it. A session charges its full cost up front; stopping it early
 * refunds the unused whole minutes (see `stop`).
 */
export class AmppAccounts {
  private readonly balances = new Map<string, number>();
  private readonly sessions = new Map<string, StoredSession>();
  private nextId = 7_000_000_001;

  constructor(
    private readonly population: Population,
    private readonly reference: ParkingReference,
  ) {}

  /** The account's holder; a key that does not decode to a person with that account is unknown. */
  holder(accountId: string): Person | undefined {
    const personId = decodeParkingAccount(accountId);
    const person = personId === undefined ? undefined : this.population.person(personId);
    return person && person.parkingAccountId === accountId ? person : undefined;
  }

  balance(accountId: string): number {
    const known = this.balances.get(accountId);
    if (known !== undefined) return known;
    const holder = this.holder(accountId);
    if (!holder) throw new AmppRefusal(404, 'ACCOUNT_NOT_FOUND', 'Лицевой счёт не найден');
    const opening = initialBalanceKopecks(this.population.seed, holder.id);
    this.balances.set(accountId, opening);
    return opening;
  }

  start(input: { accountId: string; plate: string; zone: Zone; minutes: number }, now: Date): { session: StoredSession; balance: number } {
    const balance = this.balance(input.accountId);
    for (const s of this.sessions.values()) {
      if (s.plate === input.plate && sessionStatus(s, now) === 'active') {
        throw new AmppRefusal(409, 'SESSION_ALREADY_EXISTS', 'Для этого ТС уже есть активная парковочная сессия');
      }
    }
    const cost = sessionCost(input.minutes, input.zone);
    if (cost > balance) throw new AmppRefusal(400, 'INSUFFICIENT_FUNDS', 'Недостаточно средств на счёте');
    const session: StoredSession = {
      id: String(this.nextId++),
      accountId: input.accountId,
      plate: input.plate,
      zone: input.zone,
      // AMPP bills from the whole minute the request arrived in.
      start: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      end: new Date(Math.floor(now.getTime() / 60_000) * 60_000 + input.minutes * 60_000),
      minutes: input.minutes,
      charged: cost,
      refund: 0,
    };
    this.sessions.set(session.id, session);
    this.balances.set(input.accountId, balance - cost);
    return { session, balance: balance - cost };
  }

  /**
   * Stops an active session of the account. The refund rule: the whole minutes left before the
   * paid end are unused; the account keeps paying for the used minutes (rounded up to the kopeck
   * as at the start) and gets the rest of what it paid back. A minute begun is a minute used.
   */
  stop(accountId: string, sessionId: string, now: Date): { session: StoredSession; balance: number } {
    const balance = this.balance(accountId);
    const session = this.sessions.get(sessionId);
    if (!session || session.accountId !== accountId || sessionStatus(session, now) !== 'active') {
      throw new AmppRefusal(404, 'SESSION_NOT_FOUND', 'Активная парковочная сессия не найдена');
    }
    const unusedMinutes = Math.min(session.minutes, Math.floor((session.end.getTime() - now.getTime()) / 60_000));
    session.refund = Math.max(0, session.charged - sessionCost(session.minutes - unusedMinutes, session.zone));
    session.stoppedAt = now;
    this.balances.set(accountId, balance + session.refund);
    return { session, balance: balance + session.refund };
  }

  /** Adds money to the account (a top-up the payment service confirmed); answers the new balance. */
  credit(accountId: string, kopecks: number): number {
    const balance = this.balance(accountId) + kopecks;
    this.balances.set(accountId, balance);
    return balance;
  }

  /** The account's sessions of the last 30 days, newest first: the history plus those started here. */
  list(accountId: string, now: Date): StoredSession[] {
    const holder = this.holder(accountId);
    if (!holder) throw new AmppRefusal(404, 'ACCOUNT_NOT_FOUND', 'Лицевой счёт не найден');
    const since = now.getTime() - HISTORY_DAYS * 86_400_000;
    const own = [...this.sessions.values()].filter((s) => s.accountId === accountId && s.start.getTime() >= since);
    return [...own, ...this.history(holder, accountId, now)].sort((a, b) => b.start.getTime() - a.start.getTime());
  }

  /** Sessions from before this simulator started, derived from the holder and the day. */
  private history(holder: Person, accountId: string, now: Date): StoredSession[] {
    const plates = holder.vehicles.map((v) => v.plate);
    if (plates.length === 0) return [];
    const today = moscowDate(now);
    const r = new Seeded(this.population.seed, 'parking', 'history', holder.id, today);
    const count = r.int(0, 14);
    const zones = this.reference.allZones();
    const sessions: StoredSession[] = [];
    for (let k = 0; k < count; k++) {
      const minutes = r.pick([30, 60, 90, 120, 180, 240]);
      const start = fromMoscow(addDays(today, -r.int(1, HISTORY_DAYS - 1)), r.int(8, 19), r.pick([0, 15, 30, 45]));
      const zone = r.pick(zones);
      sessions.push({
        id: String(1_000_000_000 + (hash32(this.population.seed, 'session', holder.id, today, k) % 999_999_999)),
        accountId,
        plate: r.pick(plates),
        zone,
        start,
        end: new Date(start.getTime() + minutes * 60_000),
        minutes,
        charged: sessionCost(minutes, zone),
        refund: 0,
      });
    }
    return sessions;
  }
}
