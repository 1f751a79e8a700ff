import { z } from 'zod';
import { type KeySeal, SealRefusedError } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';
import type { SubgraphContext } from './subgraph-context';

/**
 * What the residents subgraph seals for each subgraph that acts on a person's keys into a legacy
 * system: one sealed value per consuming system, named after it, so each subgraph receives only
 * its own system's keys. Both sides read this one table: the residents subgraph to seal, the
 * consumers to check what they opened.
 */
export const SEALED_KEYS = {
  /** EMIAS knows a patient by the OMS policy number and the birth date. */
  health: z.object({ omsNumber: z.string().nullable(), birthDate: z.string() }),
  /** The MESH school diary's person id; only school-age children have one. */
  school: z.object({ meshPersonId: z.string().nullable() }),
  /** EPD payer codes of the homes the person pays for. */
  housing: z.object({ payerCodes: z.array(z.string()) }),
  /** The cars (plate and registration certificate) and the AMPP parking account. */
  parking: z.object({ vehicles: z.array(z.object({ plate: z.string(), sts: z.string() })), parkingAccountId: z.string().nullable() }),
} as const;

/** A subgraph that receives sealed keys; also the seal's audience. */
export type KeyAudience = keyof typeof SEALED_KEYS;
export type SealedKeys<A extends KeyAudience> = z.infer<(typeof SEALED_KEYS)[A]>;

/** The `@inaccessible` Resident field of the residents subgraph that carries each audience's seal. */
export const SEALED_KEY_FIELDS = {
  health: 'sealedHealthKeys',
  school: 'sealedSchoolKeys',
  housing: 'sealedHousingKeys',
  parking: 'sealedParkingKeys',
} as const satisfies Record<KeyAudience, string>;

/** Seals a person's keys into `audience`'s system, for that subgraph alone: the residents subgraph's side. */
export function sealKeys<A extends KeyAudience>(keySeal: KeySeal, audience: A, subjectId: string, keys: SealedKeys<A>): string {
  return keySeal.seal({ subject: subjectId, audience, keys });
}

/**
 * A resident as a subgraph received it from the gateway: the id, and whatever seals `@requires`
 * brought, unread until `provenKeys` opens them.
 */
export type ResidentRepresentation = { id: string } & { readonly [F in (typeof SEALED_KEY_FIELDS)[KeyAudience]]?: unknown };

/**
 * The keys into `audience`'s legacy system for the resident a representation names, proven: the
 * registry sealed them for this very person (`resident.id`), for this subgraph, within the last
 * minutes. Anything else — no seal, a malformed or forged one, another person's, another
 * subgraph's, an expired one — is FORBIDDEN, before any legacy call, and the refused read of
 * `field` goes to the audit trail under the person whose data was asked for: the one a genuine
 * seal names, else the representation's id. Keys travelling in plain in a representation are
 * never read.
 */
export function provenKeys<A extends KeyAudience>(ctx: SubgraphContext, audience: A, resident: ResidentRepresentation, field: string): SealedKeys<A> {
  let opened: unknown;
  try {
    opened = ctx.keySeal.open(resident[SEALED_KEY_FIELDS[audience]], { subject: resident.id, audience });
  } catch (error) {
    if (!(error instanceof SealRefusedError)) throw error;
    return refuse(ctx, error.sealedSubject ?? resident.id, field, error.reason);
  }
  const keys = SEALED_KEYS[audience].safeParse(opened);
  if (!keys.success) return refuse(ctx, resident.id, field, 'malformed');
  return keys.data as SealedKeys<A>;
}

function refuse(ctx: SubgraphContext, subjectId: string, field: string, reason: string): never {
  ctx.refusedReads.record(subjectId, field);
  // The reason and the field only: neither the keys nor whose they are reach the log.
  ctx.logger.warn({ reason, field }, 'sealed keys refused');
  throw graphqlError('FORBIDDEN', "The keys for this record were not proven to be the person's.");
}
