import type { SubgraphContext } from '../kit';
import type { HousingLoaders } from './loaders';
import type { HousingOutbox } from './readings/worker';
import type { ReadingSubmitter } from './readings/submitter';

export interface HousingContext extends SubgraphContext {
  loaders: HousingLoaders;
  /** The instant the request's date rules are judged at, read once so every field agrees. */
  now: Date;
  submitter: ReadingSubmitter;
  /** Where submissions are kept; resolvers read their status from it. */
  outbox: HousingOutbox;
}
