import type { SubgraphContext } from '../kit';
import type { PaymentsLoaders } from './loaders';

export interface PaymentsContext extends SubgraphContext {
  loaders: PaymentsLoaders;
}
