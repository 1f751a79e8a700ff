import type { Population } from '../population';
import type { Clock } from './clock';

/** What every simulator's factory receives: the shared city and the clock its rules read. */
export interface SimulatorDeps {
  population: Population;
  clock: Clock;
}
