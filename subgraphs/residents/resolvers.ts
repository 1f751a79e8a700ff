import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { PersonRecord, VehicleKey } from '../../adapters/registry';
import { graphqlError } from '../../platform/errors';
import { maskSnils } from '../../platform/identifiers';
import { DateScalar } from '../kit';
import type { ResidentsContext } from './context';

async function loadPerson(id: string, ctx: ResidentsContext): Promise<PersonRecord> {
  const person = await ctx.loaders.person.load(id);
  if (!person) throw graphqlError('NOT_FOUND', 'The registry has no such person.', { system: 'registry' });
  return person;
}

export const residentsResolvers: GraphQLResolverMap<ResidentsContext> = {
  Date: DateScalar,
  Query: {
    me: (_root: unknown, _args: unknown, ctx: ResidentsContext) => loadPerson(ctx.access.residentId(), ctx),
  },
  Resident: {
    __resolveReference: async (ref: { id: string }, ctx: ResidentsContext) => {
      await ctx.access.assertMayRead([ref.id]);
      return loadPerson(ref.id, ctx);
    },
    fullName: (p: PersonRecord) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' '),
    snils: (p: PersonRecord, _args: unknown, ctx: ResidentsContext) =>
      ctx.principal.kind === 'resident' && ctx.principal.personId === p.id ? p.snils : maskSnils(p.snils),
    children: (p: PersonRecord, _args: unknown, ctx: ResidentsContext) => ctx.loaders.children.load(p.id),
    vehicleKeys: (p: PersonRecord): VehicleKey[] => p.vehicles,
  },
};
