import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** How much a change can hurt the clients of a schema, as `@graphql-inspector/core` judges it. */
export type ChangeLevel = 'breaking' | 'dangerous' | 'safe';

/** One difference between a released schema and the one composed now. */
export interface SchemaChange {
  /** `api`, or the contract variant whose schema changed. */
  schema: string;
  level: ChangeLevel;
  /** Inspector's change type (`FIELD_REMOVED`): stable, and what a record of the change names. */
  type: string;
  /** The schema coordinate changed (`Referral.clinicName`, `Query.specialities.region`). */
  path?: string;
  message: string;
  /** Why the change can hurt clients, when inspector says. */
  reason?: string;
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** The changes from `releasedSdl` to `currentSdl`, both API schemas (what clients see). */
export async function diffApiSchemas(schema: string, releasedSdl: string, currentSdl: string): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  return changes.map((change) => ({
    schema,
    level: LEVELS[change.criticality.level],
    type: String(change.type),
    ...(change.path ? { path: change.path } : {}),
    message: change.message,
    ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
  }));
}

/**
 * Why a breaking change of this type hurts clients, in the words a department needs to weigh it;
 * inspector's own reason (or a general one) for the rest.
 */
const WHY_BREAKING: Record<string, string> = {
  FIELD_REMOVED: 'Every client operation that selects the field stops validating the moment it is gone.',
  FIELD_TYPE_CHANGED: 'Clients read the field as its old type: a field that may now be null, or holds another type, breaks their code and their generated types.',
  FIELD_ARGUMENT_ADDED: 'Every operation that selects the field without the new required argument stops validating.',
  FIELD_ARGUMENT_REMOVED: 'Operations that pass the argument stop validating.',
  FIELD_ARGUMENT_TYPE_CHANGED: 'Operations that pass the argument as its old type stop validating.',
  TYPE_REMOVED: 'Operations and fragments that name the type stop validating.',
  TYPE_KIND_CHANGED: 'Operations written for the old kind of type stop validating.',
  INPUT_FIELD_ADDED: 'Every operation that passes this input without the new required field stops validating.',
  INPUT_FIELD_REMOVED: 'Operations that set the input field stop validating.',
  INPUT_FIELD_TYPE_CHANGED: 'Operations that set the input field as its old type stop validating.',
  ENUM_VALUE_REMOVED: 'Operations that pass the value stop validating, and clients that expect it in answers never see it again.',
  UNION_MEMBER_REMOVED: 'Fragments on the removed member stop validating.',
  OBJECT_TYPE_INTERFACE_REMOVED: 'Fragments that reach the type through the interface stop matching it.',
};

export function whyBreaking(change: Pick<SchemaChange, 'type' | 'reason'>): string {
  return WHY_BREAKING[change.type] ?? change.reason ?? 'Existing client operations may stop validating, or get answers they do not expect.';
}
