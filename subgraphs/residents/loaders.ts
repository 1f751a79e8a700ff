import DataLoader from 'dataloader';
import type { PersonRecord, RegistryPort } from '../../adapters/registry';
import type { SubgraphContext } from '../kit';

/** Per-request loaders: one registry call per batch of persons, one per parent for children. */
export interface ResidentsLoaders {
  person: DataLoader<string, PersonRecord | null>;
  children: DataLoader<string, PersonRecord[]>;
}

export function createResidentsLoaders(registry: RegistryPort, ctx: Pick<SubgraphContext, 'requestId'>): ResidentsLoaders {
  const person = new DataLoader<string, PersonRecord | null>(async (ids) => {
    const found = await registry.getPersons(ids, ctx.requestId);
    return ids.map((id) => found.get(id) ?? null);
  });
  const children = new DataLoader<string, PersonRecord[]>(async (parentIds) => {
    // The registry has no batch call for children: one call per parent, in parallel. A failure
    // is that parent's alone.
    const settled = await Promise.allSettled(parentIds.map((id) => registry.getChildren(id, ctx.requestId)));
    return settled.map((result) => {
      if (result.status === 'rejected') return result.reason instanceof Error ? result.reason : new Error(String(result.reason));
      // Children fetched here need not be fetched again when the gateway resolves them.
      for (const child of result.value) person.prime(child.id, child);
      return result.value;
    });
  });
  return { person, children };
}
