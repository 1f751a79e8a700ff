import { AsyncLocalStorage } from 'node:async_hooks';

/** One answer served from the stale-if-error cache: which system failed, and when the data is from. */
export interface StaleRead {
  /** The legacy system's short name (`emias`). */
  system: string;
  /** When the served data was fetched from the system: ISO-8601 with offset. */
  asOf: string;
}

/**
 * What one request carries implicitly through every resolver and legacy call it makes, so that
 * the deadline, the request id and the principal's cache partition reach the shared transport
 * without each adapter passing them along, and so that degraded answers can be reported back.
 *
 * It is the only way they travel: adapter ports take domain arguments only. Code that calls an
 * adapter outside a GraphQL request (a start-up sign-in, a worker, a benchmark, a test) opens a
 * scope of its own with `runInRequestScope`, or its calls carry no id and end only by the
 * transport's own timeout.
 *
 * A scope belongs to exactly one request; nothing in it is shared between requests.
 */
export interface RequestScope {
  /** Followed through every hop as `x-request-id`. */
  requestId: string | undefined;
  /** Epoch ms by which the whole request must be answered; every hop below ends by it. */
  deadline: number | undefined;
  /**
   * A stable, opaque name of the caller (`resident:123`) that partitions per-principal caches, so
   * one principal can never be served another's cached answer. Absent: nothing personal is cached.
   */
  principalKey: string | undefined;
  /**
   * Whose work this is: a caller's request (the default), or the service's own (the outbox
   * worker's deliveries, sign-ins at start-up), which no caller's fair share of a legacy system
   * should be charged for and which bounds its own concurrency.
   */
  readonly work: 'request' | 'service';
  /** Answers served stale during this request, at most one per system (the oldest). */
  readonly staleReads: StaleRead[];
}

/** The fields a scope starts with; all optional, filled later by the context function as known. */
export interface RequestScopeInit {
  requestId?: string;
  deadline?: number;
  principalKey?: string;
  /** Default 'request'. */
  work?: 'request' | 'service';
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with a fresh scope that every async continuation of it sees. */
export function runInRequestScope<T>(init: RequestScopeInit, fn: (scope: RequestScope) => T): T {
  const scope: RequestScope = {
    requestId: init.requestId,
    deadline: init.deadline,
    principalKey: init.principalKey,
    work: init.work ?? 'request',
    staleReads: [],
  };
  return storage.run(scope, () => fn(scope));
}

/** The scope of the request being served, or `undefined` outside any request (startup, workers). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * Fills the current scope with what the request's context function learnt (the verified
 * principal, the budget). Given values win, except the deadline: the earlier one stands, so a hop
 * can shorten the deadline it was handed but never extend it.
 */
export function updateRequestScope(scope: RequestScope, fields: RequestScopeInit): void {
  if (fields.requestId !== undefined) scope.requestId = fields.requestId;
  if (fields.principalKey !== undefined) scope.principalKey = fields.principalKey;
  if (fields.deadline !== undefined) scope.deadline = scope.deadline === undefined ? fields.deadline : Math.min(scope.deadline, fields.deadline);
}

/**
 * Notes a stale answer in the current scope (a no-op outside a request). One entry per system: the
 * oldest `asOf` wins, since the response must not look fresher than its oldest part.
 */
export function recordStaleRead(read: StaleRead, scope: RequestScope | undefined = currentRequestScope()): void {
  if (!scope) return;
  const existing = scope.staleReads.find((r) => r.system === read.system);
  if (!existing) scope.staleReads.push({ system: read.system, asOf: read.asOf });
  else if (Date.parse(read.asOf) < Date.parse(existing.asOf)) existing.asOf = read.asOf;
}

const SYSTEM_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * Takes the `extensions.stale` a subgraph answered with into the current scope, so the gateway can
 * pass it on to the client. Anything not of the expected shape is ignored: it came over the wire.
 */
export function absorbStaleExtension(value: unknown, scope: RequestScope | undefined = currentRequestScope()): void {
  if (!scope || !Array.isArray(value)) return;
  for (const item of value.slice(0, 32)) {
    if (typeof item !== 'object' || item === null) continue;
    const { system, asOf } = item as { system?: unknown; asOf?: unknown };
    if (typeof system !== 'string' || !SYSTEM_NAME.test(system)) continue;
    if (typeof asOf !== 'string' || asOf.length > 40 || Number.isNaN(Date.parse(asOf))) continue;
    recordStaleRead({ system, asOf }, scope);
  }
}
