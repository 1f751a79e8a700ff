import type { SubgraphContext } from '../kit';
import type { SchoolLoaders } from './loaders';

export interface SchoolContext extends SubgraphContext {
  loaders: SchoolLoaders;
}
