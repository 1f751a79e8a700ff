import type { ResidentPermit } from '../../adapters/parking';
import { graphqlError } from '../../platform/errors';
import { moscowDate } from '../../platform/time';
import { DateScalar, DateTimeScalar, money, provenKeys } from '../kit';
import type { ParkingContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { checkCount, checkParkingId, checkSessionId, checkStartSession, decodeCursor, encodeCursor, MAX_FINES, MAX_SESSIONS_PAGE } from './inputs';

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

export const parkingResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    parking: (_root, args, ctx) => ctx.loaders.parking.load(checkParkingId(args.id)),
  },
  Mutation: {
    startParkingSession: async (_root, args, ctx) => {
      ctx.access.residentId();
      const input = checkStartSession(args.input);
      const accountId = await ownAccountId(ctx);
      const started = await ctx.ampp.startSession({ accountId, ...input });
      ctx.loaders.balance.clear(accountId).prime(accountId, { accountId, balanceKopecks: started.balanceKopecks });
      return { session: started.session, balance: money(started.balanceKopecks) };
    },
    stopParkingSession: async (_root, args, ctx) => {
      ctx.access.residentId();
      const sessionId = checkSessionId(args.sessionId);
      const accountId = await ownAccountId(ctx);
      const stopped = await ctx.ampp.stopSession(accountId, sessionId);
      ctx.loaders.balance.clear(accountId).prime(accountId, { accountId, balanceKopecks: stopped.balanceKopecks });
      return { session: stopped.session, refund: money(stopped.refundKopecks), balance: money(stopped.balanceKopecks) };
    },
  },
  Resident: {
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id, sealedParkingKeys: ref.sealedParkingKeys };
    },
    // The keys came from the registry through the gateway, sealed for this person; nothing is
    // fetched until a car's fields are asked for.
    vehicles: (ref, _args, ctx) => provenKeys(ctx, 'parking', ref, 'vehicles').vehicles,
    parkingAccount: (ref, _args, ctx) => {
      const { parkingAccountId } = provenKeys(ctx, 'parking', ref, 'parkingAccount');
      return parkingAccountId ? { accountId: parkingAccountId } : null;
    },
  },
  Vehicle: {
    fines: async (vehicle, args, ctx) => {
      const first = checkCount(args.first, MAX_FINES, 'first');
      return (await ctx.loaders.fines.load(vehicle.sts)).slice(0, first);
    },
    residentPermit: async (vehicle, _args, ctx) => currentPermit(await ctx.loaders.permits.load(vehicle.plate)),
  },
  Fine: {
    amount: (fine) => money(fine.amountKopecks),
    discountedAmount: (fine, _args, ctx) => (fine.status === 'UNPAID' && fine.discount && moscowDate(ctx.clock.now()) <= fine.discount.until ? money(fine.discount.amountKopecks) : null),
    discountUntil: (fine) => fine.discount?.until ?? null,
  },
  ParkingAccount: {
    balance: async (account, _args, ctx) => money((await ctx.loaders.balance.load(account.accountId)).balanceKopecks),
    sessions: async (account, args, ctx) => {
      const limit = checkCount(args.first, MAX_SESSIONS_PAGE, 'first');
      const offset = decodeCursor(args.after);
      const page = await ctx.loaders.sessions.load({ accountId: account.accountId, offset, limit });
      const next = offset + page.sessions.length;
      return { items: page.sessions, totalCount: page.total, nextCursor: page.sessions.length > 0 && next < page.total ? encodeCursor(next) : null };
    },
  },
  ParkingSession: {
    cost: (session) => money(session.costKopecks),
  },
  ParkingZone: {
    hourlyTariff: (zone) => (zone.hourlyTariffKopecks === null ? null : money(zone.hourlyTariffKopecks)),
  },
};
