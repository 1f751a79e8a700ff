import DataLoader from 'dataloader';
import type { Bill, Home, HousingPort, Meter, ReadingsPage } from '../../adapters/housing';
import type { RegistryPort } from '../../adapters/registry';
import { perGroup, perKey } from '../kit';
import type { MeterReadings, ReadingResult } from './readings';

export interface MeterKey {
  personId: string;
  userPlaceId: string;
}

export interface BillsKey {
  personId: string;
  payerCode: string;
  flat: string | null;
  from: string;
  to: string;
  unpaidOnly: boolean;
}

export interface ReadingsKey {
  personId: string;
  userPlaceId: string;
  meterId: string;
  before: string | undefined;
  limit: number;
}

export interface SubmissionsKey {
  /** The resident who submitted: only they see their submissions. */
  submitterId: string;
  meterId: string;
  limit: number;
}

/**
 * Per-request loaders. Homes, meters and bills cost one housing call per endpoint however many
 * homes are asked for; the payer codes a resident owns come from the registry. Their legacy calls
 * carry the request's id and deadline through the request scope they run in.
 */
export interface HousingLoaders {
  payerCodes: DataLoader<string, string[]>;
  homes: DataLoader<string, Home[]>;
  meters: DataLoader<MeterKey, Meter[], string>;
  bills: DataLoader<BillsKey, Bill[], string>;
  readings: DataLoader<ReadingsKey, ReadingsPage, string>;
  /** The submitter's latest submissions per meter: one outbox query for all meters. */
  submissions: DataLoader<SubmissionsKey, ReadingResult[], string>;
}

export function createHousingLoaders(housing: HousingPort, registry: RegistryPort, meterReadings: Pick<MeterReadings, 'latestForMeters'>): HousingLoaders {
  const payerCodes = new DataLoader<string, string[]>(async (ids) => {
    const persons = await registry.getPersons(ids);
    return ids.map((id) => persons.get(id)?.payerCodes ?? []);
  });

  // The portal answers one person per call (the person is part of the credential).
  const homes = new DataLoader<string, Home[]>((personIds) => perKey(personIds, (id) => housing.getHomes(id)));

  const meters = new DataLoader<MeterKey, Meter[], string>(
    (keys) =>
      perGroup(
        keys,
        (k) => k.personId,
        async (group) => {
          const found = await housing.getMeters(
            group[0]!.personId,
            group.map((k) => k.userPlaceId),
          );
          return (key) => found.get(key.userPlaceId) ?? [];
        },
      ),
    { cacheKeyFn: (k) => `${k.personId}\u0001${k.userPlaceId}` },
  );

  const bills = new DataLoader<BillsKey, Bill[], string>(
    (keys) =>
      perGroup(
        keys,
        (k) => [k.personId, k.from, k.to, k.unpaidOnly].join('\u0001'),
        async (group) => {
          const first = group[0]!;
          const found = await housing.getBills(first.personId, group, { from: first.from, to: first.to, unpaidOnly: first.unpaidOnly });
          return (key) => found.get(key.payerCode) ?? [];
        },
      ),
    { cacheKeyFn: (k) => [k.personId, k.payerCode, k.from, k.to, k.unpaidOnly].join('\u0001') },
  );

  // History is per meter in the portal; the dashboard does not ask for it.
  const readings = new DataLoader<ReadingsKey, ReadingsPage, string>(
    (keys) => perKey(keys, (k) => housing.getReadings(k.personId, k.userPlaceId, k.meterId, { before: k.before, limit: k.limit })),
    { cacheKeyFn: (k) => [k.personId, k.userPlaceId, k.meterId, k.before ?? '', k.limit].join('\u0001') },
  );

  const submissions = new DataLoader<SubmissionsKey, ReadingResult[], string>(
    (keys) =>
      perGroup(
        keys,
        (k) => `${k.submitterId}\u0001${k.limit}`,
        async (group) => {
          const first = group[0]!;
          const found = await meterReadings.latestForMeters(first.submitterId, [...new Set(group.map((k) => k.meterId))], first.limit);
          return (key) => found.get(key.meterId) ?? [];
        },
      ),
    { cacheKeyFn: (k) => [k.submitterId, k.meterId, k.limit].join('\u0001') },
  );

  return { payerCodes, homes, meters, bills, readings, submissions };
}
