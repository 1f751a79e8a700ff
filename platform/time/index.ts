export { systemClock, type Clock } from './clock';
export * from './moscow-time';
export { AGE_OF_MAJORITY, dayOfAge, isMinorOn } from './age';
