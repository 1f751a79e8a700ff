import DataLoader from 'dataloader';
import type { DateRange, Homework, Mark, MealDaysPage, MealsAccount, MeshPort, ScheduleEvent, StudentCalendarRef, StudentContract, StudentProfile, Visit } from '../../adapters/mesh';
import { type AccessPolicy, loaderPerArguments, perKey } from '../kit';

/** A page of one contract's meal days. */
export interface MealDaysKey {
  contractId: string;
  first: number;
  after?: string;
}

/**
 * Per-request loaders. Loads of one kind with the same arguments (range, day) share a loader, so
 * all the children in a request cost MESH one call per endpoint: the gateway sends them in one
 * `_entities` call and their fields resolve in the same tick.
 */
export interface SchoolLoaders {
  /** School, class and contract by MESH person id; null when MESH does not know the id. */
  profile: DataLoader<string, StudentProfile | null>;
  marks(range: DateRange): DataLoader<string, Mark[]>;
  homework(range: DateRange): DataLoader<string, Homework[]>;
  /** The calendar names a child by contingent GUID, from the profile. */
  schedule(date: string): DataLoader<StudentCalendarRef, ScheduleEvent[], string>;
  visits(range: DateRange): DataLoader<StudentContract, Visit[], string>;
  /** By contract id; null when MESH does not know the contract. */
  mealsAccount: DataLoader<string, MealsAccount | null>;
  mealDays: DataLoader<MealDaysKey, MealDaysPage, string>;
}

export function createSchoolLoaders(mesh: MeshPort, access: AccessPolicy): SchoolLoaders {
  // MESH answers for a profile: the signed-in resident, whose access to each child the resolvers
  // have already checked.
  const profileId = (): string => access.residentId();

  const rangeKey = (range: DateRange): string => `${range.from}/${range.to}`;
  const listsFor = <V>(fetch: (ids: string[]) => Promise<Map<string, V[]>>) =>
    new DataLoader<string, V[]>(async (ids) => {
      const found = await fetch([...ids]);
      return ids.map((id) => found.get(id) ?? []);
    });

  return {
    profile: new DataLoader(async (ids) => {
      const found = await mesh.getStudents(profileId(), ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    marks: loaderPerArguments(rangeKey, (range) => listsFor((ids) => mesh.getMarks(profileId(), ids, range))),
    homework: loaderPerArguments(rangeKey, (range) => listsFor((ids) => mesh.getHomework(profileId(), ids, range))),
    schedule: loaderPerArguments(
      (date: string) => date,
      (date) =>
        new DataLoader<StudentCalendarRef, ScheduleEvent[], string>(
          async (students) => {
            const found = await mesh.getSchedule(profileId(), students, { from: date, to: date });
            return students.map((s) => found.get(s.meshPersonId) ?? []);
          },
          { cacheKeyFn: (s) => `${s.meshPersonId}/${s.contingentGuid}/${s.viewerRole}` },
        ),
    ),
    visits: loaderPerArguments(
      rangeKey,
      (range) =>
        new DataLoader<StudentContract, Visit[], string>(
          async (students) => {
            const found = await mesh.getVisits(profileId(), students, range);
            return students.map((s) => found.get(s.meshPersonId) ?? []);
          },
          { cacheKeyFn: (s) => `${s.meshPersonId}/${s.contractId}` },
        ),
    ),
    mealsAccount: new DataLoader(async (contractIds) => {
      const found = await mesh.getMealsAccounts(profileId(), contractIds);
      return contractIds.map((id) => found.get(id) ?? null);
    }),
    mealDays: new DataLoader<MealDaysKey, MealDaysPage, string>(
      // Meal days page per contract: MESH has no batch form for them, and only a meals screen asks,
      // not the dashboard. A failure is that contract's alone.
      (keys) => perKey(keys, (k) => mesh.getMealDays(profileId(), k.contractId, { first: k.first, after: k.after })),
      { cacheKeyFn: (k) => `${k.contractId}/${k.first}/${k.after ?? ''}` },
    ),
  };
}
