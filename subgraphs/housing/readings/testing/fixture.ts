import type { Home, Meter } from '../../../../adapters/housing';
import { createLogger } from '../../../../platform/logging';
import type { Clock } from '../../../../platform/time';
import { OutboxBackoff } from '../../../kit';
import { ReadingDelivery } from '../delivery';
import { ReadingSubmitter } from '../submitter';
import type { GivenReading, SubmissionRequest } from '../types';
import { FakeHousing } from './fake-housing';
import { MemoryOutboxStore } from './memory-outbox-store';

/** Inside the water window of November 2026 (15 November to 3 December). */
export const NOW = new Date('2026-11-21T12:00:00+03:00');
export const PERSON = '1002';
export const HOME: Home = { payerCode: '0000100200', userPlaceId: '2000010020', address: 'Tverskaya 1', flat: '5', registeredPersons: 2 };
export const COLD: Meter = {
  id: '11',
  userPlaceId: HOME.userPlaceId,
  kind: 'COLD_WATER',
  serialNumber: '14-000011',
  verifiedUntil: '2029-01-01',
  verificationExpired: false,
  remoteSubmission: true,
  lastReading: { period: '2026-10-31', value: 100, source: 'mos.ru' },
};
export const HOT: Meter = { ...COLD, id: '12', kind: 'HOT_WATER', serialNumber: '14-000012' };
export const RETRY = { minMs: 5_000, maxMs: 60_000 };
export const LEASE_MS = 60_000;

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private at: Date = NOW) {}
  now(): Date {
    return this.at;
  }
  set(at: Date): void {
    this.at = at;
  }
}

/** The fixed clock moved on by `ms`. */
export const later = (ms: number): Date => new Date(NOW.getTime() + ms);

/** The readings module's parts over a fake housing system and the in-memory store. */
export function readingParts() {
  const housing = new FakeHousing([{ personId: PERSON, home: HOME, meters: [COLD, HOT] }]);
  const store = new MemoryOutboxStore();
  const clock = new TestClock();
  const logger = createLogger({ service: 'test', level: 'silent' });
  const backoff = new OutboxBackoff(RETRY);
  const delivery = new ReadingDelivery(housing, store, backoff, clock, logger);
  const submitter = new ReadingSubmitter({ housing, store, delivery, backoff, leaseMs: LEASE_MS, logger });
  return { housing, store, clock, logger, backoff, delivery, submitter };
}

/** The resident's submission of `readings` for their home under `key`, given at NOW. */
export function submission(key: string, readings: GivenReading[], personId = PERSON): SubmissionRequest {
  return { personId, idempotencyKey: key, input: { payerCode: HOME.payerCode, readings }, now: NOW };
}

/** Polls until `probe` holds, for what a worker does in the background. */
export async function until(probe: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
