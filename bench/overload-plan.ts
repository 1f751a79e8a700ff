/** One stretch of an open-loop run: requests sent at `rate` a second for `durationSec`, whatever comes back. */
export interface OverloadPhase {
  name: string;
  rate: number;
  durationSec: number;
}

/** What the overload driver is asked to do; written to a file by the orchestrator. */
export interface OverloadPlan {
  url: string;
  /** The GraphQL request body sent every time (the published dashboard, by id). */
  body: string;
  /** Bearer tokens rotated per request. */
  credentials: string[];
  /** Where in `credentials` to start, so residents of earlier runs are not seen again at once. */
  offset?: number;
  phases: OverloadPhase[];
}

/** How one phase went, as a client saw it. Latencies in milliseconds. */
export interface OverloadPhaseResult {
  name: string;
  offeredPerSec: number;
  /** Answers whole (200, no errors) per second: goodput. */
  servedPerSec: number;
  sent: number;
  served: number;
  /** 200 with errors (partial) or another non-refusal failure. */
  failed: number;
  /** 503 or 429. */
  refused: number;
  /** Refusals that carried `Retry-After` and a registered code in `extensions.code`. */
  refusedWithRetryAfterAndCode: number;
  /** The codes refusals carried, with how many. */
  refusalCodes: Record<string, number>;
  servedP50: number;
  servedP99: number;
  refusedP50: number;
  refusedP99: number;
  refusedMax: number;
  /** Seconds from the phase's start to its last refusal; undefined when nothing was refused. */
  lastRefusalSec?: number;
}

export interface OverloadResult {
  phases: OverloadPhaseResult[];
  /** Requests sent by the end (the next run's offset). */
  requests: number;
}
