import type { Person, Population } from './population';

/** A resident picked for demos and tests by what their record holds, not by a hard-coded id. */
export interface DemoResident {
  key: 'family' | 'driver' | 'pensioner' | 'newcomer';
  description: string;
  person: Person;
}

/**
 * The demo residents of a population. They are found by search, so they stay valid whatever the
 * seed; with the default seed they are the same people every time.
 */
export function demoResidents(population: Population): DemoResident[] {
  const schoolChildren = (p: Person) => p.childIds.map((id) => population.person(id)).filter((c) => c?.meshPersonId).length;
  return [
    {
      key: 'family',
      description: 'parent of three, two at school; two homes; a car',
      person: population.findAdult((p) => p.childIds.length === 3 && schoolChildren(p) >= 2 && p.payerCodes.length === 2 && p.vehicles.length >= 1),
    },
    {
      key: 'driver',
      description: 'no children; one home; two cars',
      person: population.findAdult((p) => p.childIds.length === 0 && p.payerCodes.length === 1 && p.vehicles.length === 2),
    },
    {
      key: 'pensioner',
      description: 'over 70; one home; no car',
      person: population.findAdult((p) => population.ageOf(p) >= 70 && p.payerCodes.length === 1 && p.vehicles.length === 0),
    },
    {
      key: 'newcomer',
      description: 'no homes, no car, no children yet',
      person: population.findAdult((p) => p.childIds.length === 0 && p.payerCodes.length === 0 && p.vehicles.length === 0 && population.ageOf(p) < 30),
    },
  ];
}
