import type { Patient } from '../../adapters/emias';

/**
 * The objects the health resolvers hand to the fields below them, where they are not the
 * adapter's domain types. `npm run codegen` maps the contract's types to them
 * (`codegen.ts`), so a resolver returning anything else fails the type check.
 */

/**
 * A resident as the gateway hands it over: the id and, when a field needs them, the EMIAS keys
 * the residents subgraph sealed for this subgraph. Anything else a representation carries is
 * dropped by `__resolveReference`.
 */
export interface HealthResident {
  id: string;
  sealedHealthKeys?: string | null;
}

/** The medical card: whose it is, so its fields load its documents from EMIAS. */
export interface MedicalCardParent {
  patient: Patient;
}
