import { AdaptiveLimit, type AdaptiveLimitOptions } from './adaptive-limit';
import { eventLoopQueueDelay, type QueueDelaySource } from './queue-delay';

/**
 * How much a request matters when the service must refuse some: `critical` ones (mutations: a
 * meter reading, a booking, a parking session) are refused last, `normal` ones (reads) first.
 */
export type Priority = 'critical' | 'normal';

export const PRIORITIES: ReadonlyArray<Priority> = ['critical', 'normal'];

/** Milliseconds from a monotonic origin; `performance.now` in a service, a fake clock in tests. */
export type MonotonicNow = () => number;

/** How a service decides what to take on when more arrives than it can serve in time. */
export interface AdmissionOptions extends AdaptiveLimitOptions {
  /** `false` admits everything (the limit is still measured and shown). Default true. */
  shedding?: boolean;
  /**
   * The share of the limit only critical requests may use: reads are refused once in-flight
   * reaches the limit less this share (at least one place), so a mutation finds room while reads
   * are being refused. Default 0.2.
   */
  criticalReserve?: number;
  /** What a refusal tells the client to wait, in whole seconds (`Retry-After`). Default 1. */
  retryAfterSeconds?: number;
  /**
   * CoDel's target: the standing queueing delay this service accepts before it counts itself
   * congested and brings its limit down. Default 5 ms (CoDel's).
   */
  queueDelayTargetMs?: number;
  /** How often the limit is reconsidered. Default 100 ms (CoDel's interval). */
  windowMs?: number;
}

/** The admission state a service shows on `/readyz` and `/metrics`. */
export interface AdmissionState {
  /** Requests the service may have in flight now (the adaptive limit); critical requests are refused at it. */
  limit: number;
  /** Reads are refused at this many in flight. */
  normalLimit: number;
  inFlight: number;
  /** Refusals since start, by priority. */
  refused: Record<Priority, number>;
  /** The process's standing queueing delay over the latest interval, ms. */
  queueDelayMs: number;
  shedding: boolean;
}

/** A place taken in the service; given back once the answer is written. */
export interface AdmissionPermit {
  release(): void;
}

/** Where the measurements come from; real ones by default. */
export interface AdmissionDeps {
  now?: MonotonicNow;
  queueDelay?: QueueDelaySource;
}

/**
 * A refusal by a service downstream counts as this much congestion: it cuts the limit by a
 * fifth. The service below is past its own (higher) target, so the path is full.
 */
const DOWNSTREAM_REFUSAL_CONGESTION = 1.25;

/** Reports kept per downstream service and window; enough for a median, bounded for memory. */
const MAX_REPORTS = 256;

const DEFAULTS = { criticalReserve: 0.2, retryAfterSeconds: 1, queueDelayTargetMs: 5, windowMs: 100 } as const;

/**
 * The admission decision of one service: a request is taken while fewer than its priority's
 * share of the adaptive limit are in flight, and refused at once otherwise. Every `windowMs` the
 * limit is reconsidered from how congested the window was: the process's standing queueing delay
 * and the delays the services it calls reported (the gateway's subgraphs, on their answers),
 * each against the target, and whether any of them refused.
 *
 * Refusing at once, rather than queueing, is what keeps a refusal cheap and fast (a client hears
 * within milliseconds and can come back) and keeps the latency of what is served near its normal:
 * the queue that would otherwise build is the one the limit is there to prevent.
 */
export class AdmissionControl {
  readonly retryAfterSeconds: number;
  private readonly limiter: AdaptiveLimit;
  private readonly shedding: boolean;
  private readonly criticalReserve: number;
  private readonly targetMs: number;
  private readonly windowMs: number;
  private readonly now: MonotonicNow;
  private readonly queueDelay: QueueDelaySource;
  private inFlight = 0;
  private readonly refused: Record<Priority, number> = { critical: 0, normal: 0 };
  private readonly refusalListeners: Array<(priority: Priority) => void> = [];
  private windowStart: number;
  private windowMaxInFlight = 0;
  private downstreamDelays = new Map<string, number[]>();
  private downstreamRefused = false;
  /** Requests admitted under a higher limit are still in flight: the last cut has yet to take effect. */
  private draining = false;
  private windowSawDraining = false;

  constructor(options: AdmissionOptions = {}, deps: AdmissionDeps = {}) {
    const criticalReserve = options.criticalReserve ?? DEFAULTS.criticalReserve;
    const retryAfterSeconds = options.retryAfterSeconds ?? DEFAULTS.retryAfterSeconds;
    const targetMs = options.queueDelayTargetMs ?? DEFAULTS.queueDelayTargetMs;
    const windowMs = options.windowMs ?? DEFAULTS.windowMs;
    if (!(criticalReserve >= 0 && criticalReserve < 1)) throw new RangeError('criticalReserve must be in [0, 1)');
    if (!(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 1)) throw new RangeError('retryAfterSeconds must be a whole number of seconds, at least 1');
    if (!(targetMs > 0)) throw new RangeError('queueDelayTargetMs must be positive');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limiter = new AdaptiveLimit(options);
    this.shedding = options.shedding ?? true;
    this.criticalReserve = criticalReserve;
    this.retryAfterSeconds = retryAfterSeconds;
    this.targetMs = targetMs;
    this.windowMs = windowMs;
    this.now = deps.now ?? (() => performance.now());
    this.queueDelay = deps.queueDelay ?? eventLoopQueueDelay();
    this.windowStart = this.now();
  }

  /**
   * A place for a request of `priority`, or `undefined` when the service is at its limit for that
   * priority and the request must be refused now.
   */
  tryAcquire(priority: Priority): AdmissionPermit | undefined {
    this.closeWindowIfDue();
    if (this.shedding && this.inFlight >= this.ceilingFor(priority)) {
      this.refused[priority] += 1;
      for (const listener of this.refusalListeners) listener(priority);
      return undefined;
    }
    this.inFlight += 1;
    if (this.inFlight > this.windowMaxInFlight) this.windowMaxInFlight = this.inFlight;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        if (this.draining && this.inFlight <= this.ceilingFor('normal')) this.draining = false;
        this.closeWindowIfDue();
      },
    };
  }

  /** What a service this one called reported as its standing queueing delay (ms) with its answer. */
  reportDownstreamDelay(service: string, delayMs: number): void {
    if (!Number.isFinite(delayMs) || delayMs < 0) return;
    let reports = this.downstreamDelays.get(service);
    if (!reports) {
      reports = [];
      this.downstreamDelays.set(service, reports);
    }
    if (reports.length < MAX_REPORTS) reports.push(delayMs);
  }

  /** A service this one called refused for overload (503 with Retry-After). */
  reportDownstreamRefusal(): void {
    this.downstreamRefused = true;
  }

  /** The process's latest standing queueing delay (ms), for the `Server-Timing` of an answer. */
  queueDelayMs(): number {
    return this.queueDelay.latestMs();
  }

  /** Called on every refusal (metrics count them). */
  onRefusal(listener: (priority: Priority) => void): void {
    this.refusalListeners.push(listener);
  }

  state(): AdmissionState {
    return {
      limit: this.limiter.limit,
      normalLimit: this.ceilingFor('normal'),
      inFlight: this.inFlight,
      refused: { ...this.refused },
      queueDelayMs: Math.round(this.queueDelay.latestMs() * 10) / 10,
      shedding: this.shedding,
    };
  }

  /** In-flight count at which a request of `priority` is refused. */
  private ceilingFor(priority: Priority): number {
    const limit = this.limiter.limit;
    const reserve = this.criticalReserve === 0 ? 0 : Math.max(1, Math.round(limit * this.criticalReserve));
    const normal = Math.max(1, limit - reserve);
    // At the smallest limits the reserve still leaves reads a place, and mutations one more.
    return priority === 'critical' ? Math.max(limit, normal + reserve) : normal;
  }

  private closeWindowIfDue(): void {
    const now = this.now();
    if (now - this.windowStart < this.windowMs) return;
    let congestion = this.queueDelay.standingDelayMs(this.windowStart) / this.targetMs;
    for (const reports of this.downstreamDelays.values()) {
      reports.sort((a, b) => a - b);
      congestion = Math.max(congestion, reports[Math.floor(reports.length / 2)]! / this.targetMs);
    }
    if (this.downstreamRefused) congestion = Math.max(congestion, DOWNSTREAM_REFUSAL_CONGESTION);
    const before = this.limiter.limit;
    const after = this.limiter.update({ congestion, maxInFlight: this.windowMaxInFlight, settled: !this.windowSawDraining });
    if (after < before && this.inFlight > this.ceilingFor('normal')) this.draining = true;
    this.windowStart = now;
    this.windowMaxInFlight = this.inFlight;
    this.windowSawDraining = this.draining;
    this.downstreamDelays = new Map();
    this.downstreamRefused = false;
  }
}
