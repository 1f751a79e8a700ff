import { LegacyError, LegacyNotFoundError, LegacyRateLimitedError, LegacyRejectionError } from '../../adapters/transport';
import { readingViolation, submitWindow, type HousingCallContext, type HousingPort } from '../../adapters/housing';
import { describeError, type ErrorCode } from '../../platform/errors';
import type { Logger } from '../../platform/logging';
import { addDays, type Clock } from '../../platform/time';
import type { ClaimedReading, OutboxStore, ReadingReason, ReadingStatus } from './outbox-store';

/** When a reading the housing system could not take is tried again. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; it doubles with each further one. */
  minMs: number;
  maxMs: number;
}

/** The wait before attempt `attempts + 1`: exponential, capped, with jitter so a backlog does not return in one wave. */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.minMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/**
 * A failure of the housing system that says nothing about the request: down, slow, garbled,
 * throttling, or its breaker open. Refusals and not-found are answers, not failures.
 */
export function isTransient(error: unknown): error is LegacyError {
  return error instanceof LegacyError && !(error instanceof LegacyRejectionError) && !(error instanceof LegacyNotFoundError);
}

type Attempt = { kind: 'DELIVERED' } | { kind: 'REJECTED'; reason: ReadingReason } | { kind: 'RETRY'; code: string; retryAfterMs?: number };

const label = (reading: Pick<ClaimedReading, 'serialNumber' | 'meterId'>): string => reading.serialNumber ?? reading.meterId;

/** A sentence for a refused reading, naming the meter and never the person. */
export function explainRefusal(meterLabel: string, code: ErrorCode, window?: { opensOn: string; closesOn: string }): string {
  if (code === 'READING_OUTSIDE_WINDOW' && window) {
    return `Meter ${meterLabel}: readings are not taken today; the next window is ${window.opensOn} to ${window.closesOn}.`;
  }
  return `Meter ${meterLabel}: ${describeError(code)}`;
}

/**
 * Delivers one QUEUED reading held under a lease and records the result; the request path and
 * the worker share it. Exactly once rests on the housing system's own rule of one reading per
 * meter per period: an attempt that may already have reached it (a crash or a lost answer
 * between sending and marking) is sent again, and a refusal is then checked against the
 * reading stored for the period — our value there means it was ours, so DELIVERED.
 */
export class ReadingDelivery {
  constructor(
    private readonly housing: HousingPort,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  /**
   * Tries the reading once and records DELIVERED, REJECTED or the next attempt. Never throws: a
   * failure to record leaves the row under its lease, and the lease's end hands it to a worker
   * that finds out from the housing system what happened.
   */
  async deliver(store: OutboxStore, claimed: ClaimedReading, call: HousingCallContext): Promise<ReadingStatus> {
    let reading = claimed;
    let attempt: Attempt;
    try {
      if (!reading.verified) {
        const resolved = await this.resolve(store, reading, call);
        if ('kind' in resolved) attempt = resolved;
        else {
          reading = resolved;
          attempt = await this.send(reading, call);
        }
      } else {
        attempt = await this.send(reading, call);
      }
    } catch (error) {
      attempt = this.failure(error, reading);
    }
    try {
      const now = this.clock.now();
      if (attempt.kind === 'RETRY') {
        const wait = Math.max(retryDelayMs(reading.attempts, this.retry), attempt.retryAfterMs ?? 0);
        await store.reschedule(reading, new Date(now.getTime() + wait), attempt.code);
        this.logger.info({ reading: reading.id, attempts: reading.attempts, code: attempt.code, retryInMs: wait }, 'meter reading queued for another attempt');
        return 'QUEUED';
      }
      const kept = await store.settle(reading, attempt.kind, attempt.kind === 'REJECTED' ? attempt.reason : null, now);
      if (!kept) {
        // Another deliverer took the row after our lease ran out; its answer stands.
        this.logger.warn({ reading: reading.id }, 'meter reading lease lost before it was marked');
        return 'QUEUED';
      }
      this.logger.info({ reading: reading.id, attempts: reading.attempts, status: attempt.kind, code: attempt.kind === 'REJECTED' ? attempt.reason.code : undefined }, 'meter reading settled');
      return attempt.kind;
    } catch (error) {
      this.logger.error({ reading: reading.id, err: { type: (error as Error).name, message: (error as Error).message } }, 'could not record a meter reading delivery; the lease will hand it on');
      return 'QUEUED';
    }
  }

  private async send(reading: ClaimedReading, call: HousingCallContext): Promise<Attempt> {
    const { userPlaceId, period } = reading;
    if (userPlaceId === null || period === null) throw new Error('a verified reading lacks its home or period');
    try {
      await this.housing.submitReading(reading.personId, { userPlaceId, meterId: reading.meterId, value: reading.value, period }, call);
      return { kind: 'DELIVERED' };
    } catch (error) {
      if (!(error instanceof LegacyRejectionError)) throw error;
      // Whatever the refusal, a reading of ours already stored for the period means delivered:
      // after a lost answer the window may have closed or the meter expired since.
      if ((await this.storedValue(reading, call)) === reading.value) return { kind: 'DELIVERED' };
      return { kind: 'REJECTED', reason: { code: error.code, message: this.explainLate(reading, error.code) } };
    }
  }

  /** The value the housing system keeps for the reading's meter and period, if any. */
  private async storedValue(reading: ClaimedReading, call: HousingCallContext): Promise<number | undefined> {
    const { userPlaceId, period } = reading;
    if (userPlaceId === null || period === null) return undefined;
    try {
      const page = await this.housing.getReadings(reading.personId, userPlaceId, reading.meterId, { before: addDays(period, 1), limit: 1 }, call);
      const found = page.readings[0];
      return found?.period === period ? found.value : undefined;
    } catch (error) {
      if (error instanceof LegacyRejectionError || error instanceof LegacyNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * A reading accepted while housing could not be read: find its home and meter now, as the
   * housing system lists them for the submitter (so a meter id of someone else's home is
   * METER_NOT_FOUND, naming only the id the submitter gave), and judge it by the rules as they
   * stood when the resident gave it. Nothing unverified is ever sent.
   */
  private async resolve(store: OutboxStore, reading: ClaimedReading, call: HousingCallContext): Promise<ClaimedReading | Attempt> {
    const rejected = (code: ErrorCode, message: string): Attempt => ({ kind: 'REJECTED', reason: { code, message } });
    const home = (await this.housing.getHomes(reading.personId, call)).find((h) => h.payerCode === reading.payerCode);
    if (!home) return rejected('NOT_FOUND', `Meter ${label(reading)}: the housing system lists no home with this payer code for the resident.`);
    const meter = (await this.housing.getMeters(reading.personId, [home.userPlaceId], call)).get(home.userPlaceId)?.find((m) => m.id === reading.meterId);
    if (!meter) return rejected('METER_NOT_FOUND', `Meter ${reading.meterId}: no such meter in this home.`);
    const window = submitWindow(meter.kind, reading.submittedAt);
    // Delivered before and the answer lost: the reading for the period is ours.
    if (window.open && meter.lastReading?.period === window.period && meter.lastReading.value === reading.value) {
      await store.resolve(reading, { userPlaceId: home.userPlaceId, serialNumber: meter.serialNumber, period: window.period });
      return { kind: 'DELIVERED' };
    }
    const violation = readingViolation(meter, home, reading.value, reading.submittedAt);
    if (violation) return rejected(violation, explainRefusal(meter.serialNumber, violation, window));
    const resolved = await store.resolve(reading, { userPlaceId: home.userPlaceId, serialNumber: meter.serialNumber, period: window.period });
    if (resolved === 'TAKEN') return rejected('READING_ALREADY_SUBMITTED', `Meter ${meter.serialNumber}: a reading for this period is already waiting to be delivered.`);
    return resolved;
  }

  private failure(error: unknown, reading: ClaimedReading): Attempt {
    if (error instanceof LegacyRejectionError) return { kind: 'REJECTED', reason: { code: error.code, message: explainRefusal(label(reading), error.code) } };
    if (error instanceof LegacyNotFoundError) return { kind: 'REJECTED', reason: { code: 'NOT_FOUND', message: explainRefusal(label(reading), 'NOT_FOUND') } };
    if (error instanceof LegacyRateLimitedError) return { kind: 'RETRY', code: error.code, retryAfterMs: (error.retryAfterSeconds ?? 0) * 1000 };
    if (error instanceof LegacyError) return { kind: 'RETRY', code: error.code };
    this.logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'meter reading delivery failed unexpectedly');
    return { kind: 'RETRY', code: 'INTERNAL_SERVER_ERROR' };
  }

  private explainLate(reading: ClaimedReading, code: ErrorCode): string {
    if (code === 'READING_OUTSIDE_WINDOW') return `Meter ${label(reading)}: the window for the period closed before the housing system could take the reading.`;
    return explainRefusal(label(reading), code);
  }
}
