import type { EmbeddedSystem } from '../../deploy/embedded-system';
import { postGraphQL } from './graphql-client';

/** What a resident may pay, as the graph shows it to them. */
export interface PayableView {
  personId: number;
  token: string;
  /** Bills not paid, with what is due on each (accrual and penalty less what is paid). */
  unpaidBills: Array<{ uin: string; dueKopecks: number }>;
  /** Unpaid fines, with their discount when the article has one. */
  unpaidFines: Array<{ uin: string; amountKopecks: number; discountedKopecks: number | null; discountUntil: string | null }>;
  hasParkingAccount: boolean;
}

const WHAT_IS_PAYABLE = /* GraphQL */ `
  query WhatIsPayable {
    me {
      homes { bills(last: 6) { uin status amount { kopecks } paid { kopecks } penalty { kopecks } } }
      vehicles { fines(first: 10) { uin status amount { kopecks } discountedAmount { kopecks } discountUntil } }
      parkingAccount { balance { kopecks } }
    }
  }
`;

interface Payable {
  me: {
    homes: Array<{ bills: Array<{ uin: string; status: string; amount: { kopecks: number }; paid: { kopecks: number }; penalty: { kopecks: number } }> | null }> | null;
    vehicles: Array<{ fines: Array<{ uin: string; status: string; amount: { kopecks: number }; discountedAmount: { kopecks: number } | null; discountUntil: string | null }> | null }> | null;
    parkingAccount: { balance: { kopecks: number } } | null;
  };
}

/** What a resident may pay, read through the gateway as the portal would. */
export async function payableOf(system: EmbeddedSystem, personId: number): Promise<PayableView> {
  const token = await system.tokenFor(personId);
  const reply = await postGraphQL<Payable>(system.gateway.graphqlUrl, WHAT_IS_PAYABLE, { token });
  const me = reply.data?.me;
  if (!me) throw new Error(`resident ${personId} could not be read: ${JSON.stringify(reply.errors)}`);
  return {
    personId,
    token,
    unpaidBills: (me.homes ?? [])
      .flatMap((h) => h.bills ?? [])
      .filter((b) => b.status === 'NOT_PAID')
      .map((b) => ({ uin: b.uin, dueKopecks: b.amount.kopecks + b.penalty.kopecks - b.paid.kopecks }))
      .filter((b) => b.dueKopecks > 0),
    unpaidFines: (me.vehicles ?? [])
      .flatMap((v) => v.fines ?? [])
      .filter((f) => f.status === 'UNPAID')
      .map((f) => ({ uin: f.uin, amountKopecks: f.amount.kopecks, discountedKopecks: f.discountedAmount?.kopecks ?? null, discountUntil: f.discountUntil })),
    hasParkingAccount: me.parkingAccount !== null,
  };
}

/**
 * Residents of the simulated city, from `firstId` on, for whom `wanted` holds; each is returned
 * once across calls with the same `taken` set, so tests of one file never share a bill or a fine.
 */
export async function findPayers(system: EmbeddedSystem, count: number, wanted: (view: PayableView) => boolean, taken: Set<number>, firstId = 1000): Promise<PayableView[]> {
  const found: PayableView[] = [];
  for (let id = firstId; found.length < count && id < firstId + 2_000; id += 1) {
    if (taken.has(id) || !system.population.person(id)) continue;
    const view = await payableOf(system, id);
    if (!wanted(view)) continue;
    taken.add(id);
    found.push(view);
  }
  if (found.length < count) throw new Error(`only ${found.length} of ${count} residents found for the test`);
  return found;
}
