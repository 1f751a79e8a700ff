/**
 * The housing and utilities system as the graph needs it: a person's homes (one per EPD payer
 * code), the meters in each with their readings, the monthly single payment documents, and the
 * submission of readings. Domain types only; the portal's wire shapes stay in `wire.ts`.
 */

export const METER_KINDS = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'HEAT'] as const;
export type MeterKind = (typeof METER_KINDS)[number];

/** A home the person pays for. */
export interface Home {
  /** The EPD payer code, 10 digits. */
  payerCode: string;
  /** The portal's own id of the home; meters and readings are addressed by it. */
  userPlaceId: string;
  /** The address as one line, without the flat. */
  address: string;
  flat: string | null;
  /** Persons registered in the flat; the consumption norm is per person. Null when the system does not say. */
  registeredPersons: number | null;
}

export interface MeterReading {
  /** The billing period: the last day of the month, `YYYY-MM-DD`. */
  period: string;
  value: number;
  /** The channel it came through (`mos.ru`, `МФЦ`, ...), when known. */
  source: string | null;
}

export interface Meter {
  /** The system's counterId. */
  id: string;
  userPlaceId: string;
  kind: MeterKind;
  /** The serial number on the meter (`14-007378`). */
  serialNumber: string;
  /** The day its verification runs out, `YYYY-MM-DD`. */
  verifiedUntil: string;
  /** The system's own verdict on the verification, as of when it answered. */
  verificationExpired: boolean;
  /** Whether the system takes readings of this meter remotely at all. */
  remoteSubmission: boolean;
  lastReading: MeterReading | null;
}

export type BillStatus = 'PAID' | 'NOT_PAID';

/** One single payment document (EPD). Amounts are whole kopecks. */
export interface Bill {
  payerCode: string;
  /** The month billed: its first day, `YYYY-MM-DD`. */
  period: string;
  /** The day the document was issued. */
  createdOn: string;
  status: BillStatus;
  /** `REGULAR`, or whatever other kind the system issues. */
  type: string;
  accrual: number;
  paid: number;
  penalty: number;
  insurance: number;
  /** The payment identifier (UIN). */
  uin: string;
}

export interface ReadingsPage {
  /** Newest first. */
  readings: MeterReading[];
  hasMore: boolean;
}

/** Bills of the months from `from` to `to` (first days of months, both included). */
export interface BillQuery {
  from: string;
  to: string;
  /** Only the documents not paid yet. */
  unpaidOnly?: boolean;
}

export interface ReadingSubmission {
  userPlaceId: string;
  meterId: string;
  /** A whole, non-negative number; the system refuses anything else. */
  value: number;
  /** The period the reading is for: the last day of the month. */
  period: string;
}

/**
 * What the graph asks of the housing system. Domain arguments only: the request id, the deadline
 * and the caller's cache partition travel in the request scope the call is made in (a resident's
 * request, or the outbox worker's scope for one delivery), and the shared transport reads them
 * there.
 */
export interface HousingPort {
  /** The person's homes, in the system's order. */
  getHomes(personId: string): Promise<Home[]>;
  /** The meters of several homes of one person, by userPlaceId; a constant number of calls. */
  getMeters(personId: string, userPlaceIds: ReadonlyArray<string>): Promise<Map<string, Meter[]>>;
  /** A page of a meter's readings, newest first, before the period `before` when given. */
  getReadings(personId: string, userPlaceId: string, meterId: string, page: { before?: string; limit: number }): Promise<ReadingsPage>;
  /** Bills of several homes of one person, by payer code, oldest first; a constant number of calls. */
  getBills(personId: string, homes: ReadonlyArray<Pick<Home, 'payerCode' | 'flat'>>, query: BillQuery): Promise<Map<string, Bill[]>>;
  /** Gives a reading; a refusal is a `LegacyRejectionError` with the rule's code. */
  submitReading(personId: string, submission: ReadingSubmission): Promise<void>;
  /** Withdraws the meter's last reading unless it is already taken into billing. */
  removeLastReading(personId: string, userPlaceId: string, meterId: string): Promise<void>;
}
