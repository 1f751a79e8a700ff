import type { EmiasPort } from '../../adapters/emias';
import type { SubgraphContext } from '../kit';
import type { HealthLoaders } from './loaders';

export interface HealthContext extends SubgraphContext {
  loaders: HealthLoaders;
  /** For the writes (booking, cancelling), which do not go through loaders. */
  emias: EmiasPort;
}
