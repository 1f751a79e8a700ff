import type { Logger } from '../../../platform/logging';
import { runInRequestScope } from '../../../platform/request-scope';
import type { Clock } from '../../../platform/time';
import type { ReadingDelivery } from './delivery';
import type { OutboxStorePort } from './outbox-store-port';
import type { OutboxSettings } from './settings';

/**
 * The share of a lease a delivery's legacy calls may use; the rest is left to record the answer
 * before the lease runs out and another worker may take the reading.
 */
const CALLS_SHARE_OF_LEASE = 0.8;

/**
 * Delivers due readings: each lane claims one reading at a time under a lease, delivers it, and
 * records the result. When there is nothing to claim, one idle lane (the scout) looks again after
 * the poll interval, and the other idle lanes wait until a reading is claimed: an idle worker asks
 * its store once an interval, not once per lane. A lane whose delivery failed waits too, so an
 * outage is not hammered. Due times and leases are read on the injected clock.
 *
 * Each delivery runs in a request scope of its own, as a resident's request does: its legacy calls
 * carry `x-request-id: outbox-<reading id>` and end by a deadline inside the lease.
 */
export class OutboxWorker {
  private stopping = false;
  private lanes: Promise<void>[] = [];
  private wakeUp: (() => void) | undefined;
  private sleeping: Promise<void> | undefined;
  private workFound: (() => void) | undefined;
  private waitingForWork: Promise<void> | undefined;

  constructor(
    private readonly store: OutboxStorePort,
    private readonly delivery: ReadingDelivery,
    private readonly clock: Clock,
    private readonly settings: Pick<OutboxSettings, 'pollIntervalMs' | 'leaseMs' | 'concurrency'>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.lanes.length > 0) return;
    for (let lane = 0; lane < Math.max(1, this.settings.concurrency); lane += 1) this.lanes.push(this.run(lane));
  }

  /** Finishes the deliveries in flight, hands back a reading claimed but not started, and takes no new one. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    this.workFound?.();
    await Promise.all(this.lanes);
  }

  private async run(lane: number): Promise<void> {
    while (!this.stopping) {
      let pause = false;
      try {
        const reading = await this.store.claimDue(this.clock.now(), this.settings.leaseMs);
        if (!reading) pause = true;
        else if (this.stopping) await this.store.release(reading);
        else {
          // There may be more: the lanes waiting for work look too.
          this.workFound?.();
          // The lease is on the outbox's clock; the deadline is on the wall clock the transport reads.
          const deadline = Date.now() + Math.floor(this.settings.leaseMs * CALLS_SHARE_OF_LEASE);
          pause = (await runInRequestScope({ requestId: `outbox-${reading.id}`, deadline, work: 'service' }, () => this.delivery.deliver(reading))) === 'QUEUED';
        }
      } catch (error) {
        this.logger.error({ lane, err: { type: (error as Error).name, message: (error as Error).message } }, 'meter reading worker could not claim work');
        pause = true;
      }
      // While one lane naps before looking again, the others need not look too.
      if (pause && !this.stopping) await (this.sleeping ? this.untilWorkFound() : this.sleep());
    }
  }

  /** Resolves when a lane claims a reading, or the worker stops. */
  private untilWorkFound(): Promise<void> {
    this.waitingForWork ??= new Promise<void>((resolve) => {
      this.workFound = () => {
        this.waitingForWork = undefined;
        this.workFound = undefined;
        resolve();
      };
    });
    return this.waitingForWork;
  }

  /** The scout's nap between two looks at an idle store. */
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
