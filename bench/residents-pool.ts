import type { Person, Population } from '../legacy/population';

/**
 * Residents a load run rotates through, so caches and loaders see many principals as in life:
 * adults with children at school, homes and cars, the dashboard's full shape.
 */
export function dashboardResidents(population: Population, count: number): Person[] {
  const known = found.get(population);
  if (known && known.length >= count) return known.slice(0, count);
  const people = search(population, count);
  found.set(population, people);
  return people;
}

/**
 * Residents for a steady-load run: enough that at up to 300 dashboards/s nobody comes back within
 * a minute, so neither the subgraphs' fresh reads nor the gateway's verified-token cache can
 * help, and every view costs what a first view costs. That is the city's case, where 13 million
 * accounts share the traffic; the repeat-views scenario measures the other one.
 */
export const FIRST_VIEW_POOL = 20_000;

const found = new WeakMap<Population, Person[]>();

function search(population: Population, count: number): Person[] {
  const people: Person[] = [];
  for (let from = 1000; people.length < count; ) {
    const person = population.findAdult((p) => p.childIds.some((id) => population.person(id)?.meshPersonId) && p.payerCodes.length > 0 && p.vehicles.length > 0, from);
    people.push(person);
    from = person.id + 1;
  }
  return people;
}
