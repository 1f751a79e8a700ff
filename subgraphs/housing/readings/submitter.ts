import { createHash, randomUUID } from 'node:crypto';
import type { Home, Meter } from '../../../adapters/housing';
import { ANY_REGISTER_MAX, readingViolation, submitWindow, valueViolation } from './rules';
import { graphqlError, type ErrorCode } from '../../../platform/errors';
import type { Logger } from '../../../platform/logging';
import { explainRefusal, isTransient, retryDelayMs } from './delivery';
import type { HousingLoaders } from '../loaders';
import type { HousingOutbox } from './worker';
import type { ClaimedReading, NewReading, OutboxStore, SubmissionOutcome } from './outbox-store';

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
 * Takes meter readings once per idempotency key, accept-then-deliver: the rules are checked
 * locally first, so a reading the housing system would refuse is never sent; each reading that
 * passes is written to the outbox in the same transaction as the key, then tried at once. What
 * the housing system cannot take now stays QUEUED for the worker.
 */
export class ReadingSubmitter {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly outbox: HousingOutbox,
    private readonly logger: Logger,
  ) {}

  /**
   * One submission per resident and key. A replay answers the same submission, each reading's
   * status as it is now (a QUEUED reading may have been delivered since); the key with other
   * readings is IDEMPOTENCY_KEY_REUSED. Calls with one key are run one after another in this
   * process, so a concurrent replay answers after the first has tried its readings.
   */
  submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    // Keyed by the resident too: another principal's identical key is another submission.
    const key = `${request.personId}\u0001${request.idempotencyKey}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.outbox.track(this.once(request)));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  private async once(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const store = await this.outbox.ready();
    const fingerprint = fingerprintOf(request.input);
    const replay = async (existing: { fingerprint: string }): Promise<SubmissionOutcome> => {
      if (existing.fingerprint !== fingerprint) {
        throw graphqlError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for different readings.', { field: 'idempotencyKey' });
      }
      return this.answer(store, request);
    };
    const existing = await store.findSubmission(request.personId, request.idempotencyKey);
    if (existing) return replay(existing);

    const readings = await this.check(request);
    const lease = { owner: randomUUID(), until: new Date(request.now.getTime() + this.outbox.leaseMs) };
    const stored = await store.accept(
      { personId: request.personId, idempotencyKey: request.idempotencyKey, fingerprint, payerCode: request.input.payerCode, submittedAt: request.now, readings },
      // Unverified readings (housing could not be read) are left to the worker, after the first wait.
      { lease, retryAt: new Date(request.now.getTime() + retryDelayMs(1, this.outbox.retry)) },
    );
    if (!stored.accepted) return replay(stored.existing);
    await this.deliverNow(store, stored.queued, request);
    return this.answer(store, request);
  }

  /**
   * Tries each accepted reading once, in order. After the first one the housing system could not
   * take, the rest wait for the worker too: the system is failing, and the resident should not.
   */
  private async deliverNow(store: OutboxStore, readings: ClaimedReading[], request: SubmissionRequest): Promise<void> {
    let failing = false;
    let delivered = false;
    for (const reading of readings) {
      if (failing) {
        await store.reschedule(reading, new Date(request.now.getTime() + retryDelayMs(1, this.outbox.retry)), null).catch(() => undefined);
        continue;
      }
      const status = await this.outbox.delivery.deliver(store, reading, { requestId: request.requestId, deadline: request.deadline });
      if (status === 'QUEUED') failing = true;
      if (status === 'DELIVERED') delivered = true;
    }
    const home = readings[0]?.userPlaceId;
    if (delivered && home) request.loaders.meters.clear({ personId: request.personId, userPlaceId: home });
  }

  private async answer(store: OutboxStore, request: SubmissionRequest): Promise<SubmissionOutcome> {
    const outcome = await store.outcome(request.personId, request.idempotencyKey);
    if (!outcome) throw graphqlError('INTERNAL_SERVER_ERROR', 'The submission could not be read back.');
    return outcome;
  }

  /**
   * Each reading judged by the graph's rules against the meter as housing lists it. When housing
   * cannot be read, only what needs no meter is judged now (a window open for any meter, whole,
   * not negative, within any meter's register); the rest is judged by the worker before it sends,
   * by the day it was given, against the meters housing lists for the submitter. Such a reading
   * holds no place in the queue until then (see `OutboxStore.accept`).
   */
  private async check(request: SubmissionRequest): Promise<NewReading[]> {
    const { personId, input, now, loaders } = request;
    let home: Home | undefined;
    let meters: Meter[] | undefined;
    try {
      home = (await loaders.homes.load(personId)).find((h) => h.payerCode === input.payerCode);
      if (!home) throw graphqlError('NOT_FOUND', 'The housing system lists no home with this payer code for the resident.', { system: 'housing' });
      meters = await loaders.meters.load({ personId, userPlaceId: home.userPlaceId });
    } catch (error) {
      if (!isTransient(error)) throw error;
      this.logger.warn({ code: error.code }, 'housing cannot be read; readings accepted for later checks');
    }
    return input.readings.map((reading) => (home && meters ? judged(home, meters, reading, now) : unverified(home?.userPlaceId ?? null, reading, now)));
  }
}

function judged(home: Home, meters: Meter[], reading: { meterId: string; value: number }, now: Date): NewReading {
  const meter = meters.find((m) => m.id === reading.meterId);
  const base = { meterId: reading.meterId, value: reading.value, userPlaceId: home.userPlaceId, verified: true };
  if (!meter) return { ...base, period: null, serialNumber: null, rejection: { code: 'METER_NOT_FOUND', message: `Meter ${reading.meterId}: no such meter in this home.` } };
  const window = submitWindow(meter.kind, now);
  const violation = readingViolation(meter, home, reading.value, now);
  const checked = { ...base, serialNumber: meter.serialNumber, period: window.open ? window.period : null };
  if (violation) return { ...checked, rejection: { code: violation, message: explainRefusal(meter.serialNumber, violation, window) } };
  return checked;
}

function unverified(userPlaceId: string | null, reading: { meterId: string; value: number }, now: Date): NewReading {
  // The water window is the widest (15th to the 3rd) and shares its period with electricity's.
  const window = submitWindow('COLD_WATER', now);
  const base = { meterId: reading.meterId, value: reading.value, userPlaceId, serialNumber: null, verified: false, period: window.open ? window.period : null };
  const refuse = (code: ErrorCode): NewReading => ({ ...base, rejection: { code, message: explainRefusal(reading.meterId, code, window) } });
  if (!window.open) return refuse('READING_OUTSIDE_WINDOW');
  // The kind is not known yet, so the largest register of any kind bounds it; the worker applies the meter's own.
  const violation = valueViolation(reading.value, ANY_REGISTER_MAX);
  return violation ? refuse(violation) : base;
}

function fingerprintOf(input: SubmitReadingsInput): string {
  const canonical = JSON.stringify([input.payerCode, input.readings.map((r) => [r.meterId, r.value])]);
  return createHash('sha256').update(canonical).digest('base64url');
}
