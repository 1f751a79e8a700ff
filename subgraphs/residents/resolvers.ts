import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { PersonRecord } from '../../adapters/registry';
import { PERSON_ID, type Scope } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';
import { maskSnils } from '../../platform/identifiers';
import { auditPage, DateScalar, DateTimeScalar, opaqueKey, sealKeys } from '../kit';
import type { ResidentsContext } from './context';
import type { Resolvers } from './generated/resolvers-types';

async function loadPerson(id: string, ctx: ResidentsContext): Promise<PersonRecord> {
  const person = await ctx.loaders.person.load(id);
  if (!person) throw graphqlError('NOT_FOUND', 'The registry has no such person.', { system: 'registry' });
  return person;
}

/**
 * A Resident field staff see only with one of `scopes`; residents who may read the record at all
 * see it whole. The registry is the hub every staff read passes through, so its fields are
 * governed one by one: a health worker gets the sealed EMIAS keys and the birth date, and
 * neither the name, the SNILS, the address nor the other departments' keys.
 */
function governed<T>(scopes: ReadonlyArray<Scope>, resolve: (p: PersonRecord, ctx: ResidentsContext) => T) {
  return (p: PersonRecord, _args: unknown, ctx: ResidentsContext): T => {
    if (ctx.access.staff() && !scopes.some((scope) => ctx.access.hasScope(scope))) throw graphqlError('FORBIDDEN', "The token's scopes do not cover this field.");
    return resolve(p, ctx);
  };
}

const IDENTITY: Scope[] = ['residents:read'];

/** Which scopes open each Resident field to staff; a field not named here (id) is open to any staff who may read the record. */
const FIELD_SCOPES: Record<string, ReadonlyArray<Scope>> = {
  fullName: IDENTITY,
  lastName: IDENTITY,
  firstName: IDENTITY,
  middleName: IDENTITY,
  snils: IDENTITY,
  registeredAddress: IDENTITY,
  children: IDENTITY,
  birthDate: ['residents:read', 'health:read'],
  sealedHealthKeys: ['health:read'],
  sealedSchoolKeys: ['school:read'],
  sealedHousingKeys: ['housing:read'],
  sealedParkingKeys: ['parking:read'],
};

/** The Resident fields a selection names, through inline fragments and named fragments. */
function residentFields(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into = new Set<string>(), depth = 0): Set<string> {
  if (!set || depth > 5) return into;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || selection.typeCondition.name.value === 'Resident') residentFields(selection.selectionSet, info, into, depth + 1);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && fragment.typeCondition.name.value === 'Resident') residentFields(fragment.selectionSet, info, into, depth + 1);
    }
  }
  return into;
}

/**
 * Staff asking for any field outside their scopes are refused before the registry is asked: the
 * field resolvers would refuse it too, but only after the record was fetched.
 */
function assertStaffSelection(info: GraphQLResolveInfo, ctx: ResidentsContext): void {
  if (!ctx.access.staff()) return;
  const fields = new Set<string>();
  for (const node of info.fieldNodes) residentFields(node.selectionSet, info, fields);
  for (const field of fields) {
    const scopes = FIELD_SCOPES[field];
    if (scopes && !scopes.some((scope) => ctx.access.hasScope(scope))) throw graphqlError('FORBIDDEN', "The token's scopes do not cover this field.", { field });
  }
}

/**
 * Starts the look-up of a person's children beside the person's own when the selection asks for
 * them. The registry finds children by the parent's id, so the second call need not wait for the
 * first; and every subgraph the gateway asks next waits for this fetch to end. Called only once
 * the principal may read the person and, for staff, the selection passed `assertStaffSelection`;
 * the children field still governs and filters what it returns.
 */
function prefetchChildren(id: string, info: GraphQLResolveInfo, ctx: ResidentsContext): void {
  const fields = new Set<string>();
  for (const node of info.fieldNodes) residentFields(node.selectionSet, info, fields);
  if (!fields.has('children')) return;
  // The children field awaits the same promise and reports its failure; here it is only started.
  ctx.loaders.children.load(id).catch(() => undefined);
}

export const residentsResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    me: (_root, _args, ctx, info) => {
      const id = ctx.access.residentId();
      prefetchChildren(id, info, ctx);
      return loadPerson(id, ctx);
    },
    resident: async (_root, args, ctx, info) => {
      if (!PERSON_ID.test(args.id)) throw graphqlError('BAD_USER_INPUT', 'A resident id is a positive whole number.', { field: 'id' });
      await ctx.access.assertMayRead([args.id]);
      assertStaffSelection(info, ctx);
      prefetchChildren(args.id, info, ctx);
      return loadPerson(args.id, ctx);
    },
    auditTrail: (_root, args, ctx) => {
      ctx.access.requireScope('audit:read');
      if (args.subjectId != null && !PERSON_ID.test(args.subjectId)) throw graphqlError('BAD_USER_INPUT', 'A resident id is a positive whole number.', { field: 'subjectId' });
      if (args.actorId != null) opaqueKey(args.actorId, 'actorId', 128);
      return auditPage(ctx.audit, { ...(args.subjectId != null ? { subjectId: args.subjectId } : {}), ...(args.actorId != null ? { actorId: args.actorId } : {}) }, args);
    },
  },
  Resident: {
    __resolveReference: async (ref, ctx, info) => {
      await ctx.access.assertMayRead([ref.id]);
      assertStaffSelection(info, ctx);
      prefetchChildren(ref.id, info, ctx);
      return loadPerson(ref.id, ctx);
    },
    fullName: governed(FIELD_SCOPES.fullName!, (p) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ')),
    lastName: governed(FIELD_SCOPES.lastName!, (p) => p.lastName),
    firstName: governed(FIELD_SCOPES.firstName!, (p) => p.firstName),
    middleName: governed(FIELD_SCOPES.middleName!, (p) => p.middleName),
    birthDate: governed(FIELD_SCOPES.birthDate!, (p) => p.birthDate),
    snils: governed(FIELD_SCOPES.snils!, (p, ctx) => (ctx.principal.kind === 'resident' && ctx.principal.personId === p.id ? p.snils : maskSnils(p.snils))),
    registeredAddress: governed(FIELD_SCOPES.registeredAddress!, (p) => p.registeredAddress),
    // Only those still represented today: a child who has turned 18 is not listed, whatever the registry says.
    children: governed(FIELD_SCOPES.children!, async (p, ctx) => (await ctx.loaders.children.load(p.id)).filter((child) => ctx.access.stillRepresented(child))),
    // Each department's keys, sealed for its subgraph alone (subgraphs/kit/sealed-keys.ts).
    sealedHealthKeys: governed(FIELD_SCOPES.sealedHealthKeys!, (p, ctx) => sealKeys(ctx.keySeal, 'health', p.id, { omsNumber: p.omsNumber, birthDate: p.birthDate })),
    sealedSchoolKeys: governed(FIELD_SCOPES.sealedSchoolKeys!, (p, ctx) => sealKeys(ctx.keySeal, 'school', p.id, { meshPersonId: p.meshPersonId })),
    sealedHousingKeys: governed(FIELD_SCOPES.sealedHousingKeys!, (p, ctx) => sealKeys(ctx.keySeal, 'housing', p.id, { payerCodes: p.payerCodes })),
    sealedParkingKeys: governed(FIELD_SCOPES.sealedParkingKeys!, (p, ctx) =>
      sealKeys(ctx.keySeal, 'parking', p.id, { vehicles: p.vehicles.map((v) => ({ plate: v.plate, sts: v.sts })), parkingAccountId: p.parkingAccountId }),
    ),
  },
};
