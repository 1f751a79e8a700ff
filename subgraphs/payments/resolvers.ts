import { graphqlError } from '../../platform/errors';
import { moscowIso } from '../../platform/time';
import { DateTimeScalar, money, opaqueKey, toGraphQLError } from '../kit';
import type { PaymentsContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import type { PayableTarget } from './payable-targets';
import type { PaymentRequest } from './payment-flow';
import type { PaymentRecord } from './types';

/** As long as the housing subgraph's keys: room for a UUID and a client's prefix. */
const MAX_KEY_LENGTH = 100;
const MAX_PAGE = 50;
/** An EPD's UIN is 20 digits, a fine's 20 or 25. */
const UIN = /^\d{20}(?:\d{5})?$/;

export const paymentsResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    payment: async (_root, args, ctx) => {
      const payerId = ctx.access.residentId();
      opaqueKey(args.id, 'id', 64);
      // Someone else's payment is answered like none at all.
      return (await ctx.payments.ofPayer(payerId, args.id)) ?? null;
    },
  },
  Mutation: {
    payBill: (_root, args, ctx) => pay(ctx, args.idempotencyKey, { kind: 'BILL', uin: checkedUin(args.uin) }, 'payBill', (payerId) => ctx.targets.bill(payerId, args.uin, ctx.clock.now())),
    payFine: (_root, args, ctx) => pay(ctx, args.idempotencyKey, { kind: 'FINE', uin: checkedUin(args.uin) }, 'payFine', (payerId) => ctx.targets.fine(payerId, args.uin, ctx.clock.now())),
    topUpParkingAccount: (_root, args, ctx) => {
      if (!Number.isSafeInteger(args.amount) || args.amount <= 0) throw graphqlError('BAD_USER_INPUT', 'amount is a whole, positive number of kopecks.', { field: 'amount' });
      return pay(ctx, args.idempotencyKey, { kind: 'PARKING_TOP_UP', amountKopecks: args.amount }, 'topUpParkingAccount', (payerId) => ctx.targets.topUp(payerId, args.amount));
    },
  },
  Resident: {
    // The access policy first: a resident reads themselves and the minors they represent, staff need payments:read.
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id };
    },
    payments: async (resident, args, ctx) => {
      const first = args.first ?? 10;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw graphqlError('BAD_USER_INPUT', `first is 1..${MAX_PAGE}.`, { field: 'first' });
      const after = args.after == null ? undefined : cursorSeq(args.after);
      const rows = await ctx.payments.listByPayer(resident.id, first + 1, after);
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { payments: page, hasNextPage: rows.length > first, endCursor: rows.length > first && last ? cursorOf(last.seq) : null };
    },
  },
  Bill: {
    __resolveReference: (ref) => ({ uin: ref.uin }),
    payment: (bill, _args, ctx) => latest(ctx, 'BILL', bill.uin),
  },
  Fine: {
    __resolveReference: (ref) => ({ uin: ref.uin }),
    payment: (fine, _args, ctx) => latest(ctx, 'FINE', fine.uin),
  },
  Payment: {
    amount: (p) => money(p.amountKopecks),
    target: (p) => p,
    paymentFormUrl: (p) => (p.status === 'AWAITING_CARD' ? p.formUrl : null),
    createdAt: (p) => moscowIso(p.createdAt),
    updatedAt: (p) => moscowIso(p.updatedAt),
  },
  PaymentTarget: {
    kind: (p) => p.targetKind,
    // A top-up's reference is the parking account: not shown.
    uin: (p) => (p.targetKind === 'PARKING_TOP_UP' ? null : p.targetRef),
  },
};

/**
 * A payment by the signed-in resident: the key checked, then the target found among the payer's own
 * in its owning system (NOT_FOUND otherwise, written to the audit trail as a refused attempt), then
 * the payment made or found under the key.
 */
async function pay(ctx: PaymentsContext, idempotencyKey: string, request: PaymentRequest, field: string, resolve: (payerId: string) => Promise<PayableTarget>): Promise<PaymentRecord> {
  const payerId = ctx.access.residentId();
  opaqueKey(idempotencyKey, 'idempotencyKey', MAX_KEY_LENGTH);
  try {
    return await ctx.payments.pay(payerId, idempotencyKey, request, () => resolve(payerId));
  } catch (error) {
    const mapped = toGraphQLError(error);
    // An attempt on a bill or fine that is not the payer's: recorded under the one who tried.
    if (mapped.extensions.code === 'NOT_FOUND') ctx.refusedReads.record(payerId, field);
    throw mapped;
  }
}

/** Only the signed-in resident's own payments are shown on a bill or fine; for anyone else, none. */
function latest(ctx: PaymentsContext, kind: 'BILL' | 'FINE', uin: string): Promise<PaymentRecord | null> | null {
  if (ctx.access.principal.kind !== 'resident') return null;
  return ctx.loaders.latest.load({ payerId: ctx.access.principal.personId, kind, uin });
}

function checkedUin(uin: string): string {
  if (!UIN.test(uin)) throw graphqlError('BAD_USER_INPUT', 'A UIN is 20 or 25 digits.', { field: 'uin' });
  return uin;
}

function cursorOf(seq: number): string {
  return Buffer.from(`p:${seq}`, 'utf8').toString('base64url');
}

function cursorSeq(cursor: string): number {
  const match = /^p:(\d{1,15})$/.exec(Buffer.from(cursor.slice(0, 64), 'base64url').toString('utf8'));
  if (!match) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor this field gave.', { field: 'after' });
  return Number(match[1]);
}
