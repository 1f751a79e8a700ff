import type { StudentProfile } from '../../adapters/mesh';
import { graphqlError } from '../../platform/errors';
import { DateScalar, DateTimeScalar, money, provenKeys } from '../kit';
import { dateRange, pageSize } from './arguments';
import type { SchoolContext } from './context';
import type { Resolvers } from './generated/resolvers-types';
import type { StudentRef } from './parents';

async function profileOf(student: StudentRef, ctx: SchoolContext): Promise<StudentProfile> {
  const profile = await ctx.loaders.profile.load(student.meshPersonId);
  if (!profile) throw graphqlError('NOT_FOUND', 'The school diary has no such pupil.', { system: 'mesh' });
  return profile;
}

export const schoolResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Resident: {
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id, sealedSchoolKeys: ref.sealedSchoolKeys };
    },
    // No MESH call here: the fields asked for fetch in parallel, each batched over the children.
    // The MESH id is acted on only when the registry's seal proves it is this child's.
    student: (ref, _args, ctx) => {
      const { meshPersonId } = provenKeys(ctx, 'school', ref, 'student');
      return meshPersonId ? { meshPersonId } : null;
    },
  },
  Student: {
    school: async (s, _args, ctx) => (await profileOf(s, ctx)).school,
    schoolName: async (s, _args, ctx) => (await profileOf(s, ctx)).school.name,
    className: async (s, _args, ctx) => (await profileOf(s, ctx)).className,
    marks: async (s, args, ctx) => {
      const marks = await ctx.loaders.marks(dateRange(args.from, args.to)).load(s.meshPersonId);
      return [...marks].sort((a, b) => a.date.localeCompare(b.date));
    },
    homework: async (s, args, ctx) => {
      const homework = await ctx.loaders.homework(dateRange(args.from, args.to)).load(s.meshPersonId);
      return [...homework].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    },
    schedule: async (s, args, ctx) => {
      // The event calendar knows the child by the contingent GUID the profile gives.
      const { contingentGuid, viewerRole } = await profileOf(s, ctx);
      if (!contingentGuid) throw graphqlError('NOT_FOUND', 'The school diary gives no calendar for this pupil.', { system: 'mesh' });
      const lessons = await ctx.loaders.schedule(args.date).load({ meshPersonId: s.meshPersonId, contingentGuid, viewerRole });
      return [...lessons].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
    },
    visits: async (s, args, ctx) => {
      const range = dateRange(args.from, args.to);
      const { contractId } = await profileOf(s, ctx);
      // The gate reads the same card as the canteen: without a contract there are no passes.
      if (!contractId) return [];
      const visits = await ctx.loaders.visits(range).load({ meshPersonId: s.meshPersonId, contractId });
      return [...visits].sort((a, b) => Date.parse(b.enteredAt) - Date.parse(a.enteredAt));
    },
    meals: async (s, _args, ctx) => {
      const { contractId } = await profileOf(s, ctx);
      return contractId ? ctx.loaders.mealsAccount.load(contractId) : null;
    },
  },
  MealsAccount: {
    balance: (account) => money(account.balanceKopecks),
    days: async (account, args, ctx) => {
      const page = await ctx.loaders.mealDays.load({
        contractId: account.contractId,
        first: pageSize(args.first),
        after: args.after ?? undefined,
      });
      return { days: page.days, hasNextPage: page.hasNextPage, endCursor: page.days[page.days.length - 1]?.date ?? null };
    },
  },
  MealDay: {
    expense: (day) => money(day.expenseKopecks),
  },
  MealTransaction: {
    amount: (t) => money(t.amountKopecks),
  },
};
