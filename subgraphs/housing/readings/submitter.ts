import { createHash, randomUUID } from 'node:crypto';
import type { HousingPort } from '../../../adapters/housing';
import { LegacyError, LegacyNotFoundError, LegacyRejectionError } from '../../../adapters/transport';
import { graphqlError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logging';
import type { OutboxBackoff } from '../../kit';
import type { ReadingDelivery } from './delivery';
import type { ClaimedReading, ExistingSubmission, NewReading, OutboxStorePort } from './outbox-store-port';
import { type Judgement, judge, type ListedHome } from './rules';
import type { GivenReading, SubmissionOutcome, SubmissionRequest, SubmitReadingsInput, Submitted } from './types';

/** What the submitter works with. */
export interface ReadingSubmitterParts {
  /** Where the meters are read from to judge readings. */
  housing: HousingPort;
  store: OutboxStorePort;
  /** How accepted readings are tried at once. */
  delivery: ReadingDelivery;
  /** When unverified readings, and readings the housing system could not take now, are due again. */
  backoff: OutboxBackoff;
  /** The request's own lease on the readings it tries at once. */
  leaseMs: number;
  logger: Logger;
}

/**
 * Takes meter readings once per idempotency key, accept-then-deliver: each reading is judged by
 * the rules first, so a reading the housing system would refuse is never sent; each that passes is
 * written to the outbox in the same transaction as the key, then tried at once in the resident's
 * request. What the housing system cannot take now stays QUEUED for the worker.
 */
export class ReadingSubmitter {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly parts: ReadingSubmitterParts) {}

  /**
   * One submission per resident and key. A replay answers the same submission, each reading's
   * status as it is now (a QUEUED reading may have been delivered since); the key with other
   * readings is IDEMPOTENCY_KEY_REUSED. Calls with one key are run one after another in this
   * process, so a concurrent replay answers after the first has tried its readings.
   */
  submit(request: SubmissionRequest): Promise<Submitted> {
    // Keyed by the resident too: another principal's identical key is another submission.
    const key = `${request.personId}\u0001${request.idempotencyKey}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.once(request));
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  private async once(request: SubmissionRequest): Promise<Submitted> {
    const { store, leaseMs, backoff } = this.parts;
    const fingerprint = fingerprintOf(request.input);
    const existing = await store.findSubmission(request.personId, request.idempotencyKey);
    if (existing) return this.replay(existing, fingerprint, request);

    const readings = await this.check(request);
    const stored = await store.accept(
      { personId: request.personId, idempotencyKey: request.idempotencyKey, fingerprint, payerCode: request.input.payerCode, submittedAt: request.now, readings },
      // Unverified readings (housing could not be read) are left to the worker, after the first wait.
      { lease: { owner: randomUUID(), until: new Date(request.now.getTime() + leaseMs) }, retryAt: new Date(request.now.getTime() + backoff.delayMs(1)) },
    );
    if (!stored.accepted) return this.replay(stored.existing, fingerprint, request);
    const changedHomes = await this.deliverNow(stored.queued, request.now);
    return { outcome: await this.answer(request), changedHomes };
  }

  private async replay(existing: ExistingSubmission, fingerprint: string, request: SubmissionRequest): Promise<Submitted> {
    if (existing.fingerprint !== fingerprint) {
      throw graphqlError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for different readings.', { field: 'idempotencyKey' });
    }
    return { outcome: await this.answer(request), changedHomes: [] };
  }

  /**
   * Tries each accepted reading once, in order, and answers the homes a reading reached. After the
   * first one the housing system could not take, the rest wait for the worker too: the system is
   * failing, and the resident should not wait on it.
   */
  private async deliverNow(readings: ClaimedReading[], now: Date): Promise<string[]> {
    const { store, delivery, backoff } = this.parts;
    const changed = new Set<string>();
    let failing = false;
    for (const reading of readings) {
      if (failing) {
        await store.reschedule(reading, new Date(now.getTime() + backoff.delayMs(1)), null).catch(() => undefined);
        continue;
      }
      const status = await delivery.deliver(reading);
      if (status === 'QUEUED') failing = true;
      if (status === 'DELIVERED' && reading.userPlaceId !== null) changed.add(reading.userPlaceId);
    }
    return [...changed];
  }

  private async answer(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const outcome = await this.parts.store.outcome(request.personId, request.idempotencyKey);
    if (!outcome) throw graphqlError('INTERNAL_SERVER_ERROR', 'The submission could not be read back.');
    return outcome;
  }

  /**
   * Each reading judged against the meters housing lists for the home. When housing cannot be
   * read, the rules judge what needs no meter now, and the delivery judges the rest before it
   * sends (see `judge`).
   */
  private async check(request: SubmissionRequest): Promise<NewReading[]> {
    const { personId, input, now } = request;
    const { housing, logger } = this.parts;
    let userPlaceId: string | null = null;
    let listed: ListedHome | undefined;
    try {
      const home = (await housing.getHomes(personId)).find((h) => h.payerCode === input.payerCode);
      if (!home) throw graphqlError('NOT_FOUND', 'The housing system lists no home with this payer code for the resident.', { system: 'housing' });
      userPlaceId = home.userPlaceId;
      listed = { home, meters: (await housing.getMeters(personId, [home.userPlaceId])).get(home.userPlaceId) ?? [] };
    } catch (error) {
      if (!isTransient(error)) throw error;
      logger.warn({ code: error.code }, 'housing cannot be read; readings accepted for later checks');
    }
    return input.readings.map((reading) => newReading(reading, judge(reading, listed, now), userPlaceId, listed !== undefined));
  }
}

/** A judged reading as the outbox keeps it. */
function newReading(reading: GivenReading, judgement: Judgement, userPlaceId: string | null, verified: boolean): NewReading {
  const base = { meterId: reading.meterId, value: reading.value, userPlaceId, verified };
  switch (judgement.verdict) {
    case 'TAKE':
      return { ...base, period: judgement.period, serialNumber: judgement.serialNumber };
    case 'HOLD':
      return { ...base, period: judgement.period, serialNumber: null };
    case 'REFUSE':
      return { ...base, period: judgement.period, serialNumber: judgement.serialNumber, rejection: judgement.reason };
  }
}

/**
 * A failure of the housing system that says nothing about the request: down, slow, garbled,
 * throttling, or its breaker open. Refusals and not-found are answers, not failures.
 */
function isTransient(error: unknown): error is LegacyError {
  return error instanceof LegacyError && !(error instanceof LegacyRejectionError) && !(error instanceof LegacyNotFoundError);
}

function fingerprintOf(input: SubmitReadingsInput): string {
  const canonical = JSON.stringify([input.payerCode, input.readings.map((r) => [r.meterId, r.value])]);
  return createHash('sha256').update(canonical).digest('base64url');
}
