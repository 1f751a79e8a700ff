export { CHILD_ID_BASE, MAX_ADULT_ID, Population } from './population';
export type { Person, PopulationOptions, Registration, Vehicle } from './population';
export * from './keys';
export { demoResidents, type DemoResident } from './demo-residents';
