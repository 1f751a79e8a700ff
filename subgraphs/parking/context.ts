import type { AmppPort } from '../../adapters/parking';
import type { Clock } from '../../platform/time';
import type { SubgraphContext } from '../kit';
import type { ParkingLoaders } from './loaders';

export interface ParkingContext extends SubgraphContext {
  loaders: ParkingLoaders;
  /** For the mutations: writes are not batched or cached. */
  ampp: AmppPort;
  /** The instant rules of the graph's own (the fine discount's last day) are judged at. */
  clock: Clock;
}
