import DataLoader from 'dataloader';
import { perGroup } from '../kit';
import type { Payments } from './payments';
import type { PaymentRecord } from './types';

/** The payer's latest payment of a bill or fine. */
export interface LatestKey {
  payerId: string;
  kind: 'BILL' | 'FINE';
  uin: string;
}

/**
 * Per-request loaders: the bills and fines of a dashboard (the gateway sends them in one
 * `_entities` call) are answered by one query per payer and kind.
 */
export interface PaymentsLoaders {
  latest: DataLoader<LatestKey, PaymentRecord | null, string>;
}

export function createPaymentsLoaders(payments: Pick<Payments, 'latestForTargets'>): PaymentsLoaders {
  return {
    latest: new DataLoader<LatestKey, PaymentRecord | null, string>(
      (keys) =>
        perGroup(
          keys,
          (k) => `${k.payerId}\u0001${k.kind}`,
          async (group) => {
            const first = group[0]!;
            const found = await payments.latestForTargets(first.payerId, first.kind, [...new Set(group.map((k) => k.uin))]);
            return (key) => found.get(key.uin) ?? null;
          },
        ),
      { cacheKeyFn: (k) => [k.payerId, k.kind, k.uin].join('\u0001') },
    ),
  };
}
