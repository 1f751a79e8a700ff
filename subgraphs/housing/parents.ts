import type { Home, Meter } from '../../adapters/housing';

/**
 * The objects the housing resolvers hand to the fields below them, where they are not the
 * adapter's or the readings module's domain types. `npm run codegen` maps the contract's types to
 * them (`codegen.ts`), so a resolver returning anything else fails the type check.
 */

/** A Resident as the gateway hands it over: the id and the payer codes the residents subgraph sealed for this subgraph. */
export interface HousingResident {
  id: string;
  sealedHousingKeys?: string | null;
}

/** A home as the graph resolves it: the domain home and whose it is, for the loaders below it. */
export interface HomeNode {
  personId: string;
  home: Home;
}

/** A meter and whose home it is in, for the loaders below it. */
export interface MeterNode {
  personId: string;
  meter: Meter;
}
