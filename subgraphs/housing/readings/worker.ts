import type { HousingPort } from '../../../adapters/housing';
import { graphqlError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logging';
import { openDatabase, type SqlDatabase } from '../../../platform/storage';
import type { Clock } from '../../../platform/time';
import { ReadingDelivery, type RetryPolicy } from './delivery';
import { OutboxStore } from './outbox-store';

/** Where the outbox lives and how its worker paces itself. */
export interface OutboxSettings {
  /** PostgreSQL (`DATABASE_URL`); when absent, the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory (`HOUSING_OUTBOX_DIR`); absent means in memory, lost on exit. */
  dataDir?: string;
  /** How often an idle worker looks for due readings. */
  pollIntervalMs: number;
  retry: RetryPolicy;
  /** How long a claimed reading stays with its deliverer; longer than one delivery can take. */
  leaseMs: number;
  /** Readings delivered at the same time by one process. */
  concurrency: number;
  /** Whether this process runs a worker at all (a read-only replica may not). */
  worker: boolean;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  pollIntervalMs: 1_000,
  retry: { minMs: 5_000, maxMs: 5 * 60_000 },
  leaseMs: 60_000,
  concurrency: 2,
  worker: true,
};

/** How long a failed attempt to open the database waits before the next. */
const REOPEN_MS = 2_000;

/**
 * The outbox of one housing subgraph process: its database (opened in the background, since a
 * subgraph is created synchronously, and retried until it opens), the worker that delivers due
 * readings, and the request-path deliveries in flight, so `close` loses none of them.
 */
export class HousingOutbox {
  readonly delivery: ReadingDelivery;
  private store: OutboxStore | undefined;
  private database: SqlDatabase | undefined;
  private readonly opening: Promise<OutboxStore | undefined>;
  /** Settles after the first attempt to open, whatever its result, so requests never wait on retries. */
  private readonly firstAttempt: Promise<void>;
  private firstAttemptDone: () => void = () => undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private worker: OutboxWorker | undefined;
  private closing = false;

  constructor(
    private readonly settings: OutboxSettings,
    housing: HousingPort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** A database the caller opened and will close; otherwise one is opened from the settings and closed here. */
    private readonly injected?: SqlDatabase,
  ) {
    this.delivery = new ReadingDelivery(housing, clock, settings.retry, logger);
    this.firstAttempt = new Promise((resolve) => (this.firstAttemptDone = resolve));
    this.opening = this.open();
  }

  get retry(): RetryPolicy {
    return this.settings.retry;
  }

  get leaseMs(): number {
    return this.settings.leaseMs;
  }

  /** The store once open; a request fails fast with INTERNAL_SERVER_ERROR while the database cannot be reached. */
  async ready(): Promise<OutboxStore> {
    if (this.closing) throw graphqlError('INTERNAL_SERVER_ERROR', 'The housing service is shutting down; submit again shortly.');
    if (this.store) return this.store;
    await this.firstAttempt;
    if (this.store) return this.store;
    throw graphqlError('INTERNAL_SERVER_ERROR', 'Meter readings cannot be taken right now; submit again shortly.');
  }

  /** Runs request-path work that `close` must wait for (an immediate delivery). */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  /**
   * What waits for the housing system: readings QUEUED and the age of the oldest on the outbox's
   * clock; undefined while the database is not open.
   */
  async backlog(): Promise<{ queued: number; oldestAgeSeconds: number } | undefined> {
    if (!this.store) return undefined;
    const { queued, oldestSubmittedAt } = await this.store.backlog();
    return { queued, oldestAgeSeconds: oldestSubmittedAt ? Math.max(0, (this.clock.now().getTime() - oldestSubmittedAt.getTime()) / 1000) : 0 };
  }

  /** Wakes idle workers, e.g. after readings became due. */
  wake(): void {
    this.worker?.wake();
  }

  /**
   * Stops taking work, lets the worker finish the reading it is delivering and the requests
   * finish theirs, hands back claims not started, and closes the database it opened.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.opening;
    await this.worker?.stop();
    await Promise.allSettled([...this.inFlight]);
    if (this.database && this.database !== this.injected) await this.database.close();
  }

  private async open(): Promise<OutboxStore | undefined> {
    for (;;) {
      try {
        const db = this.injected ?? (await openDatabase({ url: this.settings.databaseUrl, dataDir: this.settings.dataDir }));
        this.database = db;
        if (this.closing) {
          this.firstAttemptDone();
          return undefined;
        }
        this.store = await OutboxStore.open(db);
        this.logger.info({ backend: db.kind, durable: db.kind === 'postgres' || this.settings.dataDir !== undefined }, 'meter reading outbox ready');
        if (this.settings.worker) {
          this.worker = new OutboxWorker(this.store, this.delivery, this.clock, this.settings, this.logger);
          this.worker.start();
        }
        this.firstAttemptDone();
        return this.store;
      } catch (error) {
        this.firstAttemptDone();
        this.logger.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'meter reading outbox cannot open its database; retrying');
        if (this.database && this.database !== this.injected) await this.database.close().catch(() => undefined);
        this.database = undefined;
        if (this.injected || this.closing) return undefined;
        // Not a timer that keeps the process alive on its own.
        await new Promise((resolve) => setTimeout(resolve, REOPEN_MS).unref());
        if (this.closing) return undefined;
      }
    }
  }
}

/**
 * Delivers due readings: each lane claims one reading at a time under a lease, delivers it, and
 * records the result. Idle lanes sleep for the poll interval; a lane whose delivery failed
 * sleeps too, so an outage is not hammered. Due times and leases are read on the injected clock.
 */
export class OutboxWorker {
  private stopping = false;
  private lanes: Promise<void>[] = [];
  private wakeUp: (() => void) | undefined;
  private sleeping: Promise<void> | undefined;

  constructor(
    private readonly store: OutboxStore,
    private readonly delivery: ReadingDelivery,
    private readonly clock: Clock,
    private readonly settings: Pick<OutboxSettings, 'pollIntervalMs' | 'leaseMs' | 'concurrency'>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.lanes.length > 0) return;
    for (let lane = 0; lane < Math.max(1, this.settings.concurrency); lane += 1) this.lanes.push(this.run(lane));
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the deliveries in flight and takes no new one. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.lanes);
  }

  private async run(lane: number): Promise<void> {
    while (!this.stopping) {
      let pause = false;
      try {
        const reading = await this.store.claimDue(this.clock.now(), this.settings.leaseMs);
        if (!reading) pause = true;
        else if (this.stopping) await this.store.release(reading);
        else pause = (await this.delivery.deliver(this.store, reading, { requestId: `outbox-${reading.id}` })) === 'QUEUED';
      } catch (error) {
        this.logger.error({ lane, err: { type: (error as Error).name, message: (error as Error).message } }, 'meter reading worker could not claim work');
        pause = true;
      }
      if (pause && !this.stopping) await this.sleep();
    }
  }

  /** One shared nap all lanes wake from together. */
  private sleep(): Promise<void> {
    this.sleeping ??= new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleeping = undefined;
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      this.wakeUp = done;
    });
    return this.sleeping;
  }
}
