import { createHash } from 'node:crypto';
import { LegacyError, LegacyRejectionError } from '../../adapters/transport';
import { readingViolation, submitWindow, type Home, type HousingPort, type Meter } from '../../adapters/housing';
import { ERROR_CODES, graphqlError, type ErrorCode } from '../../platform/errors';
import type { Logger } from '../../platform/logging';
import type { HousingLoaders } from './loaders';
import type { ReadingResult, SubmissionOutcome, SubmissionStore } from './submission-store';

export interface SubmitReadingsInput {
  payerCode: string;
  readings: ReadonlyArray<{ meterId: string; value: number }>;
}

/** What a submission needs from the request it runs in. */
export interface SubmissionRequest {
  personId: string;
  idempotencyKey: string;
  input: SubmitReadingsInput;
  now: Date;
  loaders: HousingLoaders;
  requestId: string;
  deadline: number;
}

/**
 * Submits meter readings once per idempotency key: rules checked locally first, so a reading the
 * housing system would refuse is never sent; the rest sent one by one, each result its own.
 */
export class ReadingSubmitter {
  constructor(
    private readonly housing: HousingPort,
    private readonly store: SubmissionStore,
    private readonly logger: Logger,
  ) {}

  submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const fingerprint = fingerprintOf(request.input);
    // Keyed by the resident too: another principal's identical key never reaches this entry.
    const key = `${request.personId}\u0001${request.idempotencyKey}`;
    return this.store.withKey(key, async (existing, save) => {
      if (existing) {
        if (existing.fingerprint !== fingerprint) {
          throw graphqlError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for different readings.', { field: 'idempotencyKey' });
        }
        return existing.outcome;
      }
      const outcome = await this.run(request);
      await save({ fingerprint, outcome });
      return outcome;
    });
  }

  private async run(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const { personId, input, now, loaders } = request;
    const homes = await loaders.homes.load(personId);
    const home = homes.find((h) => h.payerCode === input.payerCode);
    if (!home) throw graphqlError('NOT_FOUND', 'The housing system lists no home with this payer code for the resident.', { system: 'housing' });
    const meterKey = { personId, userPlaceId: home.userPlaceId };
    const meters = await loaders.meters.load(meterKey);
    const results: ReadingResult[] = [];
    // One by one, so a failure part-way leaves each reading with its own true outcome.
    for (const reading of input.readings) results.push(await this.one(request, home, meters, reading));
    if (results.some((r) => r.status === 'DELIVERED')) loaders.meters.clear(meterKey);
    return { payerCode: input.payerCode, results };
  }

  private async one(request: SubmissionRequest, home: Home, meters: Meter[], reading: { meterId: string; value: number }): Promise<ReadingResult> {
    const meter = meters.find((m) => m.id === reading.meterId);
    const rejected = (code: ErrorCode, message: string, retryable = false, period: string | null = null): ReadingResult => ({
      meterId: reading.meterId,
      status: 'REJECTED',
      period,
      value: reading.value,
      reason: { code, message, retryable },
    });
    if (!meter) return rejected('METER_NOT_FOUND', `Meter ${reading.meterId}: no such meter in this home.`);
    const window = submitWindow(meter.kind, request.now);
    const violation = readingViolation(meter, home, reading.value, request.now);
    if (violation) return rejected(violation, explain(meter, violation, window), false, window.open ? window.period : null);
    try {
      await this.housing.submitReading(
        request.personId,
        { userPlaceId: home.userPlaceId, meterId: meter.id, value: reading.value, period: window.period },
        { requestId: request.requestId, deadline: request.deadline },
      );
      return { meterId: meter.id, status: 'DELIVERED', period: window.period, value: reading.value, reason: null };
    } catch (error) {
      if (error instanceof LegacyRejectionError) return rejected(error.code, explain(meter, error.code, window), false, window.period);
      if (error instanceof LegacyError) {
        return rejected(error.code, `Meter ${meter.serialNumber}: the housing system could not take the reading now.`, true, window.period);
      }
      this.logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'reading submission failed unexpectedly');
      return rejected('INTERNAL_SERVER_ERROR', `Meter ${meter.serialNumber}: the reading was not sent.`, true, window.period);
    }
  }
}

function explain(meter: Meter, code: ErrorCode, window: { opensOn: string; closesOn: string }): string {
  if (code === 'READING_OUTSIDE_WINDOW') {
    return `Meter ${meter.serialNumber}: readings are not taken today; the next window is ${window.opensOn} to ${window.closesOn}.`;
  }
  return `Meter ${meter.serialNumber}: ${ERROR_CODES[code]}`;
}

function fingerprintOf(input: SubmitReadingsInput): string {
  const canonical = JSON.stringify([input.payerCode, input.readings.map((r) => [r.meterId, r.value])]);
  return createHash('sha256').update(canonical).digest('base64url');
}
