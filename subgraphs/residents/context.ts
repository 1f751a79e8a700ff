import type { SubgraphContext } from '../kit';
import type { ResidentsLoaders } from './loaders';

export interface ResidentsContext extends SubgraphContext {
  loaders: ResidentsLoaders;
}
