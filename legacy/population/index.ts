export { type DemoResident, demoResidents } from './demo-residents';
export * from './keys';
export type { Person, PopulationOptions, Registration, Vehicle } from './population';
export { CHILD_ID_BASE, MAX_ADULT_ID, Population } from './population';
