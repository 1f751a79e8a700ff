export { systemClock, type Clock } from './clock';
export * from './moscow-time';
