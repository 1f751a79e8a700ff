/**
 * Parking as the graph needs it: the AMPP account (reference parkings, balance, resident permits,
 * sessions) and the traffic fines of a resident's cars. Domain types only; the AMPP JSON and the
 * fines service's XML stay in `ampp-wire.ts` and `fines-wire.ts`. The ports take domain arguments
 * only: the request id and the deadline reach the transport through the request scope.
 */

export interface Parking {
  id: string;
  name: string;
  /** Street and house as one line; null when AMPP gives none. */
  address: string | null;
  zone: ParkingZone;
  spaces: { total: number; free: number };
}

export interface ParkingZone {
  /** Four digits: district and zone within it (`0103`). */
  number: string;
  /** Kopecks per hour; null when AMPP does not say. */
  hourlyTariffKopecks: number | null;
}

export interface ParkingAccount {
  accountId: string;
  balanceKopecks: number;
}

export type PermitStatus = 'ACTIVE' | 'EXPIRED' | 'ANNULLED' | 'PENDING';

/** A resident parking permit: one car parks free in the zone of the holder's home. */
export interface ResidentPermit {
  id: string;
  /** Canonical (Cyrillic) plate. */
  plate: string;
  zone: string;
  /** `YYYY-MM-DD`, both days included. */
  validFrom: string;
  validUntil: string;
  status: PermitStatus;
}

export type ParkingSessionStatus = 'ACTIVE' | 'FINISHED' | 'STOPPED';

export interface ParkingSession {
  id: string;
  plate: string;
  zone: string;
  /** ISO-8601 with the Moscow offset. */
  startTime: string;
  /** The paid end, or when the session was stopped. */
  endTime: string;
  /** What the session cost after any refund, in kopecks. */
  costKopecks: number;
  status: ParkingSessionStatus;
}

export interface SessionPage {
  sessions: ParkingSession[];
  /** All sessions the account has in AMPP's list (the last 30 days). */
  total: number;
}

export interface StartSessionInput {
  accountId: string;
  /** Canonical (Cyrillic) plate; the caller normalises with `parsePlate` first. */
  plate: string;
  zone: string;
  minutes: number;
}

export interface StartedSession {
  session: ParkingSession;
  balanceKopecks: number;
}

export interface StoppedSession {
  session: ParkingSession;
  refundKopecks: number;
  balanceKopecks: number;
}

/** The AMPP parking account system. */
export interface AmppPort {
  /** A parking's reference data; null when AMPP has no such parking. */
  getParking(id: string): Promise<Parking | null>;
  /** The account's balance; NOT_FOUND for an unknown account. */
  getBalance(accountId: string): Promise<ParkingAccount>;
  /** Permits per plate, every plate asked for present (empty when none); one call per 50 plates. */
  getPermits(plates: ReadonlyArray<string>): Promise<Map<string, ResidentPermit[]>>;
  listSessions(accountId: string, page: { offset: number; limit: number }): Promise<SessionPage>;
  /** Charges the account; INSUFFICIENT_BALANCE, SESSION_ALREADY_ACTIVE, INVALID_PLATE or BAD_USER_INPUT when AMPP refuses. */
  startSession(input: StartSessionInput): Promise<StartedSession>;
  /** Stops an active session of the account and refunds unused whole minutes; SESSION_NOT_FOUND otherwise. */
  stopSession(accountId: string, sessionId: string): Promise<StoppedSession>;
}

export type FineStatus = 'UNPAID' | 'PAID' | 'PAYMENT_PROCESSING';

/** A traffic-police fine (a charge in the state payments system). */
export interface Fine {
  /** The 20- or 25-digit UIN, check digit verified. */
  uin: string;
  /** The registration certificate the fine was issued to. */
  sts: string;
  /** ISO-8601 with the Moscow offset. */
  issuedAt: string;
  amountKopecks: number;
  /** The article of the Code of Administrative Offences (`12.9ч.2`). */
  article: string;
  status: FineStatus;
  /** The reduced amount for paying early, when the article allows it. */
  discount: FineDiscount | null;
}

export interface FineDiscount {
  percent: number;
  /** Last day (`YYYY-MM-DD`) the discounted amount is accepted. */
  until: string;
  amountKopecks: number;
}

/** The fines service. */
export interface FinesPort {
  /**
   * Fines per registration certificate, every certificate asked for present (empty when none),
   * newest first; one SOAP call per 50 certificates.
   */
  getFines(certificates: ReadonlyArray<string>): Promise<Map<string, Fine[]>>;
}
