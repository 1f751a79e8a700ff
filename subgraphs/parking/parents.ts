/**
 * The objects the parking resolvers hand to the fields below them, where they are not the
 * adapter's domain types. `npm run codegen` maps the contract's types to them
 * (`codegen.ts`), so a resolver returning anything else fails the type check.
 */

/** The representation the gateway sends, with the registry's keys from `@requires`, sealed for this subgraph. */
export interface ParkingResident {
  id: string;
  sealedParkingKeys?: string | null;
}

/** An AMPP account by its id; its balance and sessions are loaded field by field. */
export interface AccountParent {
  accountId: string;
}
