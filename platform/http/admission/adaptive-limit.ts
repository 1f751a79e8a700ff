/**
 * How many requests a service should have in flight, learned from whether work queues: an
 * additive-increase, multiplicative-decrease limit (Netflix concurrency-limits' AIMD, TCP's
 * congestion window) whose congestion signal is queueing time rather than a request's latency.
 *
 * Each window the service reports how congested it was: its standing queueing delay (and that of
 * the services it calls) over its target. Above 1, work queued all through the window: the service
 * has taken on more than its cores serve, and the limit comes down by a tenth, and by more each
 * window the queue still stands (as TCP's window halves, but in steps, so a queue of a few requests
 * is not answered by idling half the cores). A cut is judged again only once it has taken effect,
 * when what was admitted under the higher limit has drained (TCP cuts once per round trip).
 * Otherwise, if the service was busy, the limit grows by a little. Nothing in it is a number of
 * this machine: the limit settles where queueing starts, wherever that is.
 */
export interface AdaptiveLimitOptions {
  /**
   * Where the limit starts, before any window has been judged. Above what a service usually has
   * in flight, so nothing is refused before a queue has been seen; low enough that a surge is
   * judged early (the limit moves only once half of it is in use), and the first congested windows
   * bring it down by up to half each. It grows from there while no queue stands. Default 48.
   */
  initialLimit?: number;
  /**
   * The floor: a congested service still serves this many at once, so its cores are never left
   * idle by the limit. Default 4.
   */
  minLimit?: number;
  /** The ceiling, whatever the queue says. Default 1000. */
  maxLimit?: number;
}

/** What one control window saw. */
export interface WindowSummary {
  /** Standing queueing delay over its target: above 1 means a queue stood through the window. */
  congestion: number;
  /** The most requests in flight at once during the window. */
  maxInFlight: number;
  /**
   * Whether the window ran under the current limit: false while requests admitted before the last
   * cut are still in flight, whose queue that cut has not had the chance to relieve. Default true.
   */
  settled?: boolean;
}

const DEFAULTS: Required<AdaptiveLimitOptions> = { initialLimit: 48, minLimit: 4, maxLimit: 1000 };

/** The first cut of a standing queue, and each further one in a row: 0.9, 0.81, 0.73, … */
const CUT = 0.9;
/** No one window takes more than half. */
const DEEPEST_CUT = 0.5;

/** A window grows the limit by this share of its square root: fast for a large service, gentle for a small one. */
const GROWTH = 0.25;

export class AdaptiveLimit {
  private readonly minLimit: number;
  private readonly maxLimit: number;
  private estimate: number;
  /** Windows in a row that found a queue standing after the previous cut took effect. */
  private cutsInARow = 0;

  constructor(options: AdaptiveLimitOptions = {}) {
    const { initialLimit, minLimit, maxLimit } = options;
    const max = maxLimit ?? DEFAULTS.maxLimit;
    // A default bound gives way to a given one (a ceiling of 2 brings the floor and start down with it).
    const min = minLimit ?? Math.min(DEFAULTS.minLimit, max);
    const initial = initialLimit ?? Math.max(min, Math.min(max, DEFAULTS.initialLimit));
    if (!(Number.isInteger(min) && min >= 1 && Number.isInteger(max) && max >= min)) throw new RangeError('the limits must be whole numbers with 1 ≤ minLimit ≤ maxLimit');
    if (!(initial >= min && initial <= max)) throw new RangeError('initialLimit must lie between minLimit and maxLimit');
    this.minLimit = min;
    this.maxLimit = max;
    this.estimate = initial;
  }

  /** Requests the service may have in flight now. */
  get limit(): number {
    return Math.floor(this.estimate);
  }

  /** Takes one window's measurement and returns the new limit. */
  update(window: WindowSummary): number {
    const { congestion, maxInFlight, settled = true } = window;
    if (Number.isNaN(congestion) || congestion < 0) return this.limit;
    // Asked for less than half of what it may take, the service learned nothing about its limit:
    // a queue that stood meanwhile is others' work on shared cores (another process, the other
    // services of this one), which this limit would not relieve by refusing its few requests.
    if (maxInFlight < this.estimate / 2) return this.limit;
    if (congestion > 1) {
      if (!settled) return this.limit;
      this.cutsInARow += 1;
      this.estimate = Math.max(this.minLimit, this.estimate * Math.max(DEEPEST_CUT, CUT ** this.cutsInARow));
      return this.limit;
    }
    this.cutsInARow = 0;
    this.estimate = Math.min(this.maxLimit, this.estimate + GROWTH * Math.sqrt(this.estimate));
    return this.limit;
  }
}
