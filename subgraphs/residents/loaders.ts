import DataLoader from 'dataloader';
import type { PersonRecord, RegistryPort } from '../../adapters/registry';
import { perKey } from '../kit';

/** Per-request loaders: one registry call per batch of persons, one per parent for children. */
export interface ResidentsLoaders {
  person: DataLoader<string, PersonRecord | null>;
  children: DataLoader<string, PersonRecord[]>;
}

export function createResidentsLoaders(registry: RegistryPort): ResidentsLoaders {
  const person = new DataLoader<string, PersonRecord | null>(async (ids) => {
    const found = await registry.getPersons(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  // The registry has no batch call for children: one call per parent, in parallel. A failure is
  // that parent's alone.
  const children = new DataLoader<string, PersonRecord[]>((parentIds) =>
    perKey(parentIds, async (id) => {
      const found = await registry.getChildren(id);
      // Children fetched here need not be fetched again when the gateway resolves them.
      for (const child of found) person.prime(child.id, child);
      return found;
    }),
  );
  return { person, children };
}
