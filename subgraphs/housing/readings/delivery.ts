import type { HousingPort, Meter } from '../../../adapters/housing';
import { LegacyError, LegacyNotFoundError, LegacyRateLimitedError, LegacyRejectionError } from '../../../adapters/transport';
import type { ErrorCode } from '../../../platform/errors';
import type { Logger } from '../../../platform/logging';
import { addDays, type Clock } from '../../../platform/time';
import type { OutboxBackoff } from '../../kit';
import type { ClaimedReading, OutboxStorePort } from './outbox-store-port';
import { alreadyWaiting, explainRefusal, noSuchHome } from './reasons';
import { judge, submitWindow } from './rules';
import type { ReadingReason, ReadingStatus } from './types';

type Attempt = { kind: 'DELIVERED' } | { kind: 'REJECTED'; reason: ReadingReason } | { kind: 'RETRY'; code: string; retryAfterMs?: number };

const label = (reading: Pick<ClaimedReading, 'serialNumber' | 'meterId'>): string => reading.serialNumber ?? reading.meterId;

/**
 * Delivers one QUEUED reading held under a lease, and records the result; the submitter (at once)
 * and the worker (later) both deliver through here. Its legacy calls carry whatever request scope
 * it runs in: the resident's request, or the worker's scope for this delivery.
 *
 * Exactly once rests on the housing system's own rule of one reading per meter per period: an
 * attempt that may already have reached it (a crash or a lost answer between sending and marking)
 * is sent again, and a refusal is then checked against the reading stored for the period — our
 * value there means it was ours, so DELIVERED.
 */
export class ReadingDelivery {
  constructor(
    private readonly housing: HousingPort,
    private readonly store: OutboxStorePort,
    private readonly backoff: OutboxBackoff,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Tries the reading once and records DELIVERED, REJECTED or the next attempt. Never throws: a
   * failure to record leaves the reading under its lease, and the lease's end hands it to a worker
   * that finds out from the housing system what happened.
   */
  async deliver(claimed: ClaimedReading): Promise<ReadingStatus> {
    let reading = claimed;
    let attempt: Attempt;
    try {
      const verified = reading.verified ? reading : await this.verify(reading);
      if ('kind' in verified) attempt = verified;
      else {
        reading = verified;
        attempt = await this.send(reading);
      }
    } catch (error) {
      attempt = this.failure(error, reading);
    }
    return this.record(reading, attempt);
  }

  private async record(reading: ClaimedReading, attempt: Attempt): Promise<ReadingStatus> {
    try {
      const now = this.clock.now();
      if (attempt.kind === 'RETRY') {
        const wait = Math.max(this.backoff.delayMs(reading.attempts), attempt.retryAfterMs ?? 0);
        await this.store.reschedule(reading, new Date(now.getTime() + wait), attempt.code);
        this.logger.info({ reading: reading.id, attempts: reading.attempts, code: attempt.code, retryInMs: wait }, 'meter reading queued for another attempt');
        return 'QUEUED';
      }
      const kept = await this.store.settle(reading, attempt.kind, attempt.kind === 'REJECTED' ? attempt.reason : null, now);
      if (!kept) {
        // Another deliverer took the reading after our lease ran out; its answer stands.
        this.logger.warn({ reading: reading.id }, 'meter reading lease lost before it was marked');
        return 'QUEUED';
      }
      this.logger.info(
        { reading: reading.id, attempts: reading.attempts, status: attempt.kind, code: attempt.kind === 'REJECTED' ? attempt.reason.code : undefined },
        'meter reading settled',
      );
      return attempt.kind;
    } catch (error) {
      this.logger.error(
        { reading: reading.id, err: { type: (error as Error).name, message: (error as Error).message } },
        'could not record a meter reading delivery; the lease will hand it on',
      );
      return 'QUEUED';
    }
  }

  private async send(reading: ClaimedReading): Promise<Attempt> {
    const { userPlaceId, period } = reading;
    if (userPlaceId === null || period === null) throw new Error('a verified reading lacks its home or period');
    try {
      await this.housing.submitReading(reading.personId, { userPlaceId, meterId: reading.meterId, value: reading.value, period });
      return { kind: 'DELIVERED' };
    } catch (error) {
      if (!(error instanceof LegacyRejectionError)) throw error;
      // Whatever the refusal, a reading of ours already stored for the period means delivered:
      // after a lost answer the window may have closed or the meter expired since.
      if ((await this.storedValue(reading)) === reading.value) return { kind: 'DELIVERED' };
      return { kind: 'REJECTED', reason: { code: error.code, message: this.explainLate(reading, error.code) } };
    }
  }

  /** The value the housing system keeps for the reading's meter and period, if any. */
  private async storedValue(reading: ClaimedReading): Promise<number | undefined> {
    const { userPlaceId, period } = reading;
    if (userPlaceId === null || period === null) return undefined;
    try {
      const page = await this.housing.getReadings(reading.personId, userPlaceId, reading.meterId, { before: addDays(period, 1), limit: 1 });
      const found = page.readings[0];
      return found?.period === period ? found.value : undefined;
    } catch (error) {
      if (error instanceof LegacyRejectionError || error instanceof LegacyNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * A reading accepted while housing could not be read: find its home and meter now, as the
   * housing system lists them for the submitter, and judge it by the rules as they stood when the
   * resident gave it. Nothing unverified is ever sent; a verified one takes its place in the queue.
   */
  private async verify(reading: ClaimedReading): Promise<ClaimedReading | Attempt> {
    const home = (await this.housing.getHomes(reading.personId)).find((h) => h.payerCode === reading.payerCode);
    if (!home) return { kind: 'REJECTED', reason: noSuchHome(label(reading)) };
    const meters = (await this.housing.getMeters(reading.personId, [home.userPlaceId])).get(home.userPlaceId) ?? [];
    const meter = meters.find((m) => m.id === reading.meterId);
    const held = meter && periodHeld(meter, reading);
    if (meter && held) {
      await this.store.resolve(reading, { userPlaceId: home.userPlaceId, serialNumber: meter.serialNumber, period: held });
      return { kind: 'DELIVERED' };
    }
    const judgement = judge(reading, { home, meters }, reading.submittedAt);
    if (judgement.verdict === 'REFUSE') return { kind: 'REJECTED', reason: judgement.reason };
    const resolved = await this.store.resolve(reading, { userPlaceId: home.userPlaceId, serialNumber: judgement.serialNumber, period: judgement.period });
    return resolved === 'TAKEN' ? { kind: 'REJECTED', reason: alreadyWaiting(judgement.serialNumber) } : resolved;
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

/**
 * The period for which the housing system already holds this very value of the meter, when it
 * does: the reading was delivered before and the answer was lost. The rules would call it
 * READING_ALREADY_SUBMITTED; it is ours, so it is delivered.
 */
function periodHeld(meter: Meter, reading: ClaimedReading): string | undefined {
  const window = submitWindow(meter.kind, reading.submittedAt);
  return window.open && meter.lastReading?.period === window.period && meter.lastReading.value === reading.value ? window.period : undefined;
}
