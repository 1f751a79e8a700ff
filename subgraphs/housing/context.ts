import type { SubgraphContext } from '../kit';
import type { HousingLoaders } from './loaders';
import type { MeterReadings } from './readings';

export interface HousingContext extends SubgraphContext {
  loaders: HousingLoaders;
  /** The instant the request's date rules are judged at, read once so every field agrees. */
  now: Date;
  /** Meter-reading submissions and their statuses. */
  readings: MeterReadings;
}
