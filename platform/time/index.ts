export { AGE_OF_MAJORITY, dayOfAge, isMinorOn } from './age';
export { type Clock, systemClock } from './clock';
export * from './moscow-time';
