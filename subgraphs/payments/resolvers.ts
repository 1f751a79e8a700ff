import { DateTimeScalar } from '../kit';
import type { Resolvers } from './generated/resolvers-types';

export const paymentsResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Resident: {
    // The access policy first, before the treasury system is asked: a resident reads themselves and the minors
    // they represent, staff need payments:read, anyone else is FORBIDDEN.
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id };
    },
    paymentsSummary: (resident, _args, ctx) => ctx.loaders.summary.load(resident.id),
  },
};
