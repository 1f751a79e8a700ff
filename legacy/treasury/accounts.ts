import { Seeded } from '../kit';
import type { Population } from '../population';

/** The record the treasury system keeps of a resident's account, in its own words: what the adapter's wire schema reads. */
export interface TreasuryAccountPayload {
  person_id: string;
  account_number: string;
  status: 'active' | 'suspended' | 'closed';
  open_items: number;
  /** ISO-8601 with the Moscow offset. */
  updated_at: string;
}

const STATUSES = ['active', 'suspended', 'closed'] as const;
const DAY_MS = 86_400_000;

/**
 * The account the treasury system keeps for the person with this id, derived from the city's seed and the
 * id, so every run and every process gives the same; undefined for a person the city does not
 * have, and for one in five, who has no account.
 */
export function accountOf(population: Population, personId: number): TreasuryAccountPayload | undefined {
  const person = population.person(personId);
  if (!person) return undefined;
  const r = new Seeded(population.seed, 'treasury', person.id);
  if (r.chance(0.2)) return undefined;
  const status = STATUSES[r.weighted([85, 10, 5])] ?? 'active';
  const day = new Date(Date.UTC(2026, 0, 1) + r.int(0, 319) * DAY_MS).toISOString().slice(0, 10);
  const time = `${String(r.int(8, 19)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
  return {
    person_id: String(person.id),
    account_number: `TRE-${String(person.id).padStart(10, '0')}`,
    status,
    open_items: status === 'closed' ? 0 : r.int(0, 9),
    updated_at: `${day}T${time}:00+03:00`,
  };
}
