import type { Clock } from '../../platform/time';
import type { SubgraphContext } from '../kit';
import type { PaymentsLoaders } from './loaders';
import type { PayableTargets } from './payable-targets';
import type { Payments } from './payments';

export interface PaymentsContext extends SubgraphContext {
  loaders: PaymentsLoaders;
  payments: Payments;
  /** What the payer owns and owes, from the owning systems. */
  targets: PayableTargets;
  /** The clock of the fines' discount days and the payers' deadlines. */
  clock: Clock;
}
