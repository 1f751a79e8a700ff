import type { PaymentRecord } from './types';

/**
 * The objects the payments resolvers hand to the fields below them. `npm run codegen` maps the
 * contract's types to them (`codegen.ts`), so a resolver returning anything else fails the type check.
 */

/** A Resident as the gateway hands it over: its key, which is all this contract needs. */
export interface PaymentsResident {
  id: string;
}

/** A Bill or a Fine as the gateway hands it over: its UIN. */
export interface PaymentTargetRef {
  uin: string;
}

/** A payment, and its target (the same record: `PaymentTarget` reads its kind and UIN). */
export type PaymentView = PaymentRecord;

export interface PaymentPageView {
  payments: PaymentRecord[];
  hasNextPage: boolean;
  endCursor: string | null;
}
