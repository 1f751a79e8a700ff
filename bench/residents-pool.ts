import type { Person, Population } from '../legacy/population';

/**
 * Residents a load run rotates through, so caches and loaders see many principals as in life:
 * adults with children at school, homes and cars, the dashboard's full shape.
 */
export function dashboardResidents(population: Population, count: number): Person[] {
  const found: Person[] = [];
  for (let from = 1000; found.length < count; ) {
    const person = population.findAdult(
      (p) => p.childIds.some((id) => population.person(id)?.meshPersonId) && p.payerCodes.length > 0 && p.vehicles.length > 0,
      from,
    );
    found.push(person);
    from = person.id + 1;
  }
  return found;
}
