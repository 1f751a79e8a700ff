/**
 * The objects the payments resolvers hand to the fields below them, where they are not the
 * adapter's domain types. `npm run codegen` maps the contract's types to them (`codegen.ts`), so a
 * resolver returning anything else fails the type check.
 */

/** A Resident as the gateway hands it over: its key, which is all this contract needs. */
export interface PaymentsResident {
  id: string;
}
