import type { Registry } from 'prom-client';
import type { HousingPort } from '../../../adapters/housing';
import { graphqlError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logging';
import { openDatabase, type SqlDatabase } from '../../../platform/storage';
import type { Clock } from '../../../platform/time';
import { OutboxBackoff } from '../../kit';
import { ReadingDelivery } from './delivery';
import { registerOutboxMetrics } from './metrics';
import { SqlOutboxStore } from './outbox-store';
import type { OutboxStorePort } from './outbox-store-port';
import type { OutboxSettings } from './settings';
import { ReadingSubmitter } from './submitter';
import type { OutboxBacklog, ReadingResult, SubmissionOutcome, SubmissionRequest, Submitted } from './types';
import { OutboxWorker } from './worker';

export type { RetryPolicy } from '../../kit';
export { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS } from './migrations';
export type { OutboxStorePort } from './outbox-store-port';
export { canSubmitNow, isVerificationExpired, type SubmitWindow, submitWindow } from './rules';
export { DEFAULT_OUTBOX_SETTINGS, type OutboxSettings } from './settings';
export type { GivenReading, OutboxBacklog, ReadingReason, ReadingResult, ReadingStatus, SubmissionOutcome, SubmissionRequest, SubmitReadingsInput, Submitted } from './types';

/** How long a failed attempt to open the outbox's database waits before the next. */
const REOPEN_MS = 2_000;

/** What the meter-reading module needs from the process it runs in. */
export interface MeterReadingsOptions {
  /** The housing system: meters to judge readings against, and where readings are delivered. */
  housing: HousingPort;
  settings: OutboxSettings;
  /** What "today" is for the rules, and the clock due times and leases are read on. */
  clock: Clock;
  logger: Logger;
  /**
   * A database the caller opened and will close (shared with another component, or with a second
   * replica in a test). Otherwise one is opened from `settings`, retried until it opens, and
   * closed by `close()`.
   */
  database?: SqlDatabase;
  /** A store to use instead of any database: the unit tests' in-memory one. */
  store?: OutboxStorePort;
}

/** The store as opened, with what the module must do to let go of it. */
interface OpenedStore {
  store: OutboxStorePort;
  close(): Promise<void>;
  backend: string;
  durable: boolean;
}

/** The module's parts once its store is open. */
interface Running {
  opened: OpenedStore;
  submitter: ReadingSubmitter;
  worker: OutboxWorker | undefined;
}

/**
 * Meter readings: what the GraphQL layer may do with them, and all it may know. A reading goes
 * resolver → `submit` → `ReadingSubmitter` (judge, accept into the outbox, try at once) →
 * `ReadingDelivery` → the housing client; what the housing system cannot take now is QUEUED and
 * delivered later, exactly once, by the `OutboxWorker` through the same delivery.
 *
 * The outbox's database is opened in the background (a subgraph is created synchronously) and
 * retried until it opens; until then every call fails fast with INTERNAL_SERVER_ERROR rather than
 * waiting. `close` loses nothing: it lets the worker finish its delivery and the requests theirs.
 */
export class MeterReadings {
  private running: Running | undefined;
  /** Settles after the first attempt to open, whatever its result, so requests never wait on retries. */
  private started: Promise<void> | undefined;
  private opening: Promise<void> | undefined;
  private closed: Promise<void> | undefined;
  private closing = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: MeterReadingsOptions) {}

  /**
   * Opens the outbox (migrating its tables) and starts its worker when the settings ask for one.
   * Resolves once open; rejects when the first attempt failed, while it is retried in the
   * background. Calling it again answers the same promise; the other methods call it themselves.
   */
  start(): Promise<void> {
    if (!this.started) {
      let firstAttempt: (error?: unknown) => void = () => undefined;
      this.started = new Promise<void>((resolve, reject) => (firstAttempt = (error) => (error === undefined ? resolve() : reject(error))));
      // Its callers see the rejection; nobody else has to.
      this.started.catch(() => undefined);
      this.opening = this.open(firstAttempt);
    }
    return this.started;
  }

  /**
   * Takes a resident's readings under their idempotency key and tries them at once; see
   * `ReadingSubmitter.submit`. The answer names the homes whose meters changed.
   */
  async submit(request: SubmissionRequest): Promise<Submitted> {
    const { submitter } = await this.ready();
    return this.track(submitter.submit(request));
  }

  /** The resident's submission under the key, each reading's status as it is now; undefined when none. */
  async outcome(personId: string, idempotencyKey: string): Promise<SubmissionOutcome | undefined> {
    return (await this.ready()).opened.store.outcome(personId, idempotencyKey);
  }

  /** The resident's latest submissions for each meter, newest first, at most `limit` per meter. */
  async latestForMeters(personId: string, meterIds: ReadonlyArray<string>, limit: number): Promise<Map<string, ReadingResult[]>> {
    return (await this.ready()).opened.store.latestForMeters(personId, meterIds, limit);
  }

  /** What waits for the housing system, on the outbox's clock; undefined while the outbox is not open. */
  async backlog(): Promise<OutboxBacklog | undefined> {
    if (!this.running) return undefined;
    const { queued, oldestSubmittedAt } = await this.running.opened.store.backlog();
    const ageMs = oldestSubmittedAt ? this.options.clock.now().getTime() - oldestSubmittedAt.getTime() : 0;
    return { queued, oldestAgeSeconds: Math.max(0, ageMs / 1000) };
  }

  /** The backlog on the process's `/metrics`. */
  registerMetrics(registry: Registry): void {
    registerOutboxMetrics(registry, this);
  }

  /**
   * Stops taking work, lets the worker finish the reading it is delivering and the requests finish
   * theirs, hands back claims not started, and closes the database it opened.
   */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    await this.opening;
    await this.running?.worker?.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.running?.opened.close();
  }

  private async ready(): Promise<Running> {
    if (this.closing) throw graphqlError('INTERNAL_SERVER_ERROR', 'The housing service is shutting down; submit again shortly.');
    if (!this.running) await this.start().catch(() => undefined);
    if (this.running) return this.running;
    throw graphqlError('INTERNAL_SERVER_ERROR', 'Meter readings cannot be taken right now; submit again shortly.');
  }

  /** Request-path work that `close` must wait for (an immediate delivery). */
  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = (): void => void this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private async open(firstAttempt: (error?: unknown) => void): Promise<void> {
    const { logger } = this.options;
    // Only a database this module opens itself is worth opening again; a given one is the caller's.
    const retries = !this.options.store && !this.options.database;
    for (;;) {
      try {
        const opened = await this.openStore();
        if (this.closing) {
          await opened.close();
          firstAttempt(new Error('the outbox was closed while it opened'));
          return;
        }
        this.running = this.assemble(opened);
        logger.info({ backend: opened.backend, durable: opened.durable }, 'meter reading outbox ready');
        firstAttempt();
        return;
      } catch (error) {
        firstAttempt(graphqlError('INTERNAL_SERVER_ERROR', 'Meter readings cannot be taken right now; submit again shortly.'));
        logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'meter reading outbox cannot open its database; retrying');
        if (!retries || this.closing) return;
        // Not a timer that keeps the process alive on its own.
        await new Promise((resolve) => setTimeout(resolve, REOPEN_MS).unref());
        if (this.closing) return;
      }
    }
  }

  private async openStore(): Promise<OpenedStore> {
    const { store, database, settings } = this.options;
    if (store) return { store, close: async () => undefined, backend: 'memory', durable: false };
    const db = database ?? (await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir }));
    const owned = database === undefined;
    try {
      return {
        store: await SqlOutboxStore.open(db),
        close: owned ? () => db.close() : async () => undefined,
        backend: db.kind,
        durable: db.kind === 'postgres' || db.durable === true || settings.dataDir !== undefined,
      };
    } catch (error) {
      if (owned) await db.close().catch(() => undefined);
      throw error;
    }
  }

  private assemble(opened: OpenedStore): Running {
    const { housing, settings, clock, logger } = this.options;
    const backoff = new OutboxBackoff(settings.retry);
    const delivery = new ReadingDelivery(housing, opened.store, backoff, clock, logger);
    const submitter = new ReadingSubmitter({ housing, store: opened.store, delivery, backoff, leaseMs: settings.leaseMs, logger });
    const worker = settings.worker ? new OutboxWorker(opened.store, delivery, clock, settings, logger) : undefined;
    worker?.start();
    return { opened, submitter, worker };
  }
}
