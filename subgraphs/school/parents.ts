/**
 * The objects the school resolvers hand to the fields below them, where they are not the
 * adapter's domain types. `npm run codegen` maps the contract's types to them
 * (`codegen.ts`), so a resolver returning anything else fails the type check.
 */

/** A Resident as the gateway hands it over: the id and the `@requires` key, sealed by the residents subgraph. */
export interface SchoolResident {
  id: string;
  sealedSchoolKeys?: string | null;
}

/** The parent object of every Student field; its MESH data is loaded field by field. */
export interface StudentRef {
  meshPersonId: string;
}
