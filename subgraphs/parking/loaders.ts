import DataLoader from 'dataloader';
import type { AmppPort, Fine, FinesPort, Parking, ParkingAccount, ResidentPermit, SessionPage } from '../../adapters/parking';
import type { PersonRecord, RegistryPort } from '../../adapters/registry';
import { perKey } from '../kit';

export interface SessionPageKey {
  accountId: string;
  offset: number;
  limit: number;
}

/**
 * Per-request loaders. Fines and permits batch every car of the request into one call each,
 * whichever residents the cars belong to; balance, sessions and parkings are per-item in AMPP.
 */
export interface ParkingLoaders {
  /** By registration certificate (STS). */
  fines: DataLoader<string, Fine[]>;
  /** By canonical plate. */
  permits: DataLoader<string, ResidentPermit[]>;
  /** By AMPP account id. */
  balance: DataLoader<string, ParkingAccount>;
  sessions: DataLoader<SessionPageKey, SessionPage, string>;
  parking: DataLoader<string, Parking | null>;
  /** The registry record, for the mutations' look-up of the resident's parking account. */
  person: DataLoader<string, PersonRecord | null>;
}

export interface ParkingPorts {
  ampp: AmppPort;
  fines: FinesPort;
  registry: RegistryPort;
}

export function createParkingLoaders(ports: ParkingPorts): ParkingLoaders {
  return {
    fines: new DataLoader(async (certificates) => {
      const found = await ports.fines.getFines(certificates);
      return certificates.map((sts) => found.get(sts) ?? []);
    }),
    permits: new DataLoader(async (plates) => {
      const found = await ports.ampp.getPermits(plates);
      return plates.map((plate) => found.get(plate) ?? []);
    }),
    balance: new DataLoader((accountIds) => perKey(accountIds, (id) => ports.ampp.getBalance(id))),
    sessions: new DataLoader((keys) => perKey(keys, (k) => ports.ampp.listSessions(k.accountId, { offset: k.offset, limit: k.limit })), {
      cacheKeyFn: (k) => `${k.accountId}:${k.offset}:${k.limit}`,
    }),
    parking: new DataLoader((ids) => perKey(ids, (id) => ports.ampp.getParking(id))),
    person: new DataLoader(async (ids) => {
      const found = await ports.registry.getPersons(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
