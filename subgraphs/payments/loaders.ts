import DataLoader from 'dataloader';
import type { TreasuryPort, TreasurySummary } from '../../adapters/treasury';
import { perKey } from '../kit';

/**
 * At most this many of one request's calls to the treasury system at once (a parent and the children they
 * represent); the transport's bulkhead caps the whole process.
 */
const SUMMARY_CONCURRENCY = 4;

/**
 * Per-request loaders. The treasury system answers one person per call, so the summaries a request asks for in
 * one tick (the gateway sends a family in one `_entities` call) go out together, a few at a time,
 * and a failed call fails that person's field only. A system with a batch call would take them
 * in one call instead, as the registry does.
 */
export interface PaymentsLoaders {
  /** By person id; null when the system keeps no account for the person. */
  summary: DataLoader<string, TreasurySummary | null>;
}

export function createPaymentsLoaders(port: TreasuryPort): PaymentsLoaders {
  return {
    summary: new DataLoader((ids) => perKey(ids, (id) => port.getSummary(id), { concurrency: SUMMARY_CONCURRENCY })),
  };
}
