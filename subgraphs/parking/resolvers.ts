import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Fine, ParkingSession, ParkingZone, ResidentPermit } from '../../adapters/parking';
import type { VehicleKey } from '../../adapters/registry';
import { graphqlError } from '../../platform/errors';
import { moscowDate } from '../../platform/time';
import { DateScalar, DateTimeScalar, money, provenKeys, type Money } from '../kit';
import type { ParkingContext } from './context';
import {
  checkCount,
  checkParkingId,
  checkSessionId,
  checkStartSession,
  decodeCursor,
  encodeCursor,
  MAX_FINES,
  MAX_SESSIONS_PAGE,
  type StartSessionArgs,
} from './inputs';

/** The representation the gateway sends, with the registry's keys from `@requires`, sealed for this subgraph. */
interface ResidentRef extends Record<string, unknown> {
  id: string;
  sealedParkingKeys?: unknown;
}

interface AccountParent {
  accountId: string;
}

/** The signed-in resident's AMPP account, from the registry; NOT_FOUND when they have none. */
async function ownAccountId(ctx: ParkingContext): Promise<string> {
  const residentId = ctx.access.residentId();
  const person = await ctx.loaders.person.load(residentId);
  if (!person) throw graphqlError('NOT_FOUND', 'The registry has no such person.', { system: 'registry' });
  if (!person.parkingAccountId) throw graphqlError('NOT_FOUND', 'The resident has no parking account.', { system: 'parking' });
  return person.parkingAccountId;
}

/** The current permit, else one about to start, else the latest that ended. */
function currentPermit(permits: ReadonlyArray<ResidentPermit>): ResidentPermit | null {
  const rank = (p: ResidentPermit): number => ({ ACTIVE: 3, PENDING: 2, EXPIRED: 1, ANNULLED: 0 })[p.status];
  const sorted = [...permits].sort((a, b) => rank(b) - rank(a) || b.validUntil.localeCompare(a.validUntil));
  return sorted[0] ?? null;
}


export const parkingResolvers: GraphQLResolverMap<ParkingContext> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    parking: (_root: unknown, args: { id: string }, ctx: ParkingContext) => ctx.loaders.parking.load(checkParkingId(args.id)),
  },
  Mutation: {
    startParkingSession: async (_root: unknown, args: { input: StartSessionArgs }, ctx: ParkingContext) => {
      ctx.access.residentId();
      const input = checkStartSession(args.input);
      const accountId = await ownAccountId(ctx);
      const started = await ctx.ampp.startSession({ accountId, ...input });
      ctx.loaders.balance.clear(accountId).prime(accountId, { accountId, balanceKopecks: started.balanceKopecks });
      return { session: started.session, balance: money(started.balanceKopecks) };
    },
    stopParkingSession: async (_root: unknown, args: { sessionId: string }, ctx: ParkingContext) => {
      ctx.access.residentId();
      const sessionId = checkSessionId(args.sessionId);
      const accountId = await ownAccountId(ctx);
      const stopped = await ctx.ampp.stopSession(accountId, sessionId);
      ctx.loaders.balance.clear(accountId).prime(accountId, { accountId, balanceKopecks: stopped.balanceKopecks });
      return { session: stopped.session, refund: money(stopped.refundKopecks), balance: money(stopped.balanceKopecks) };
    },
  },
  Resident: {
    __resolveReference: async (ref: ResidentRef, ctx: ParkingContext): Promise<ResidentRef> => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id, sealedParkingKeys: ref.sealedParkingKeys };
    },
    // The keys came from the registry through the gateway, sealed for this person; nothing is
    // fetched until a car's fields are asked for.
    vehicles: (ref: ResidentRef, _args: unknown, ctx: ParkingContext): VehicleKey[] => provenKeys(ctx, 'parking', ref, 'vehicles').vehicles,
    parkingAccount: (ref: ResidentRef, _args: unknown, ctx: ParkingContext): AccountParent | null => {
      const { parkingAccountId } = provenKeys(ctx, 'parking', ref, 'parkingAccount');
      return parkingAccountId ? { accountId: parkingAccountId } : null;
    },
  },
  Vehicle: {
    fines: async (vehicle: VehicleKey, args: { first: number }, ctx: ParkingContext) => {
      const first = checkCount(args.first, MAX_FINES, 'first');
      return (await ctx.loaders.fines.load(vehicle.sts)).slice(0, first);
    },
    residentPermit: async (vehicle: VehicleKey, _args: unknown, ctx: ParkingContext) => currentPermit(await ctx.loaders.permits.load(vehicle.plate)),
  },
  Fine: {
    amount: (fine: Fine): Money => money(fine.amountKopecks),
    discountedAmount: (fine: Fine, _args: unknown, ctx: ParkingContext): Money | null =>
      fine.status === 'UNPAID' && fine.discount && moscowDate(ctx.clock.now()) <= fine.discount.until ? money(fine.discount.amountKopecks) : null,
    discountUntil: (fine: Fine): string | null => fine.discount?.until ?? null,
  },
  ParkingAccount: {
    balance: async (account: AccountParent, _args: unknown, ctx: ParkingContext) => money((await ctx.loaders.balance.load(account.accountId)).balanceKopecks),
    sessions: async (account: AccountParent, args: { first: number; after?: string | null }, ctx: ParkingContext) => {
      const limit = checkCount(args.first, MAX_SESSIONS_PAGE, 'first');
      const offset = decodeCursor(args.after);
      const page = await ctx.loaders.sessions.load({ accountId: account.accountId, offset, limit });
      const next = offset + page.sessions.length;
      return { items: page.sessions, totalCount: page.total, nextCursor: page.sessions.length > 0 && next < page.total ? encodeCursor(next) : null };
    },
  },
  ParkingSession: {
    cost: (session: ParkingSession): Money => money(session.costKopecks),
  },
  ParkingZone: {
    hourlyTariff: (zone: ParkingZone): Money | null => (zone.hourlyTariffKopecks === null ? null : money(zone.hourlyTariffKopecks)),
  },
};
