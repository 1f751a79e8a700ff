/**
 * The treasury system (behind the payments subgraph) as the graph needs it: a resident's
 * account there, by the registry's person id. Domain types only; the system's wire shapes stay in
 * `wire.ts`.
 *
 * Written by `npm run subgraph:new` over the simulator in `legacy/treasury`: when the department
 * connects the real system, its calls replace the simulator's here and in `client.ts`.
 */

/** How the account stands. */
export type TreasuryAccountStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';

/** A resident's account in the treasury system. */
export interface TreasurySummary {
  personId: string;
  /** The account's number there: 1 to 32 printable characters. */
  accountNumber: string;
  status: TreasuryAccountStatus;
  /** What the system counts as open on the account: a whole number, never negative. */
  openItems: number;
  /** ISO-8601 with the Moscow offset. */
  updatedAt: string;
}

/**
 * The port the payments subgraph depends on. Domain arguments only: the request id, the
 * deadline and the caller travel in the request scope (`platform/request-scope`), which the
 * shared transport reads.
 */
export interface TreasuryPort {
  /** The person's account; null when the system keeps none for them. */
  getSummary(personId: string): Promise<TreasurySummary | null>;
}
