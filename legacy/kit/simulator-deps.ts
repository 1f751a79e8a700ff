import type { Population } from '../population';
import type { Clock } from './clock';

/** What every simulator's factory receives: the shared city and the clock its rules read. */
export interface SimulatorDeps {
  population: Population;
  clock: Clock;
  /**
   * The service token the system expects from integration clients (`Authorization: Bearer`,
   * or the system's own header). Standalone: `--service-token`; default `dev-service-token`.
   */
  serviceToken: string;
}

export const DEFAULT_SERVICE_TOKEN = 'dev-service-token';
