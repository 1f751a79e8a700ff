import { type CircuitBreakerPolicy, CircuitState, circuitBreaker, handleWhen, isBrokenCircuitError, SamplingBreaker } from 'cockatiel';
import { countsAgainstEndpoint, countsAgainstSystem } from '../failure-kind';
import { LegacyCircuitOpenError } from '../legacy-errors';
import type { Answer, CallContext, Next, Policy } from '../policy';
import type { Reporter } from '../reporter';
import type { BreakerState } from '../transport-events';
import type { BreakerOptions } from '../transport-options';

/**
 * The system's circuit breaker, and inside it one per endpoint (made on the endpoint's first call).
 * Each opens once at least `minimumCalls` were made over its window and more than `failureRate`
 * of them failed, then fails calls fast (LEGACY_UNAVAILABLE, "circuit open") without sending them
 * for `halfOpenAfterMs`, then lets one probe through: its success closes the breaker, its failure
 * opens it again.
 *
 * What counts (see failure-kind): against the system, no answer at all and timeouts, since the host
 * is failing whatever the endpoint; against an endpoint, also 5xx and the faults a system reports
 * inside a 200, since one backend of a system may fail alone.
 */
export class Breakers implements Policy {
  private readonly system: CircuitBreakerPolicy;
  private readonly endpoints = new Map<string, CircuitBreakerPolicy>();

  constructor(
    private readonly reporter: Reporter,
    private readonly options: Required<BreakerOptions>,
  ) {
    this.system = this.breaker(countsAgainstSystem, undefined);
  }

  execute<T>(ctx: CallContext<T>, next: Next<T>): Promise<Answer<T>> {
    const { endpoint } = ctx.call;
    const own = this.endpointBreaker(endpoint);
    const inner = own ? () => this.through(own, endpoint, () => next(ctx)) : () => next(ctx);
    return this.through(this.system, endpoint, inner);
  }

  /** The system's breaker, and the endpoints whose own breaker is not closed. */
  health(): { breaker: BreakerState; endpoints: Array<{ endpoint: string; breaker: BreakerState }> } {
    const endpoints: Array<{ endpoint: string; breaker: BreakerState }> = [];
    for (const [endpoint, breaker] of this.endpoints) {
      const state = toBreakerState(breaker.state);
      if (state !== 'closed') endpoints.push({ endpoint, breaker: state });
    }
    return { breaker: toBreakerState(this.system.state), endpoints };
  }

  /** The state of the system's breaker and of `endpoint`'s own (undefined before its first call, or without per-endpoint breakers). */
  stateOf(endpoint: string): { system: BreakerState; endpoint: BreakerState | undefined } {
    const own = this.endpoints.get(endpoint);
    return { system: toBreakerState(this.system.state), endpoint: own ? toBreakerState(own.state) : undefined };
  }

  private through<T>(breaker: CircuitBreakerPolicy, endpoint: string, fn: () => Promise<Answer<T>>): Promise<Answer<T>> {
    return breaker.execute(fn).catch((error: unknown) => {
      throw isBrokenCircuitError(error) ? new LegacyCircuitOpenError(this.reporter.system, endpoint) : error;
    });
  }

  private endpointBreaker(endpoint: string): CircuitBreakerPolicy | undefined {
    if (!this.options.perEndpoint) return undefined;
    let breaker = this.endpoints.get(endpoint);
    if (!breaker) {
      breaker = this.breaker(countsAgainstEndpoint, endpoint);
      this.endpoints.set(endpoint, breaker);
    }
    return breaker;
  }

  private breaker(counts: (error: Error) => boolean, endpoint: string | undefined): CircuitBreakerPolicy {
    const { failureRate, windowMs, minimumCalls, halfOpenAfterMs } = this.options;
    const breaker = circuitBreaker(handleWhen(counts), {
      halfOpenAfter: halfOpenAfterMs,
      breaker: new SamplingBreaker({ threshold: failureRate, duration: windowMs, minimumRps: minimumCalls / (windowMs / 1000) }),
    });
    breaker.onStateChange((state) => this.report(toBreakerState(state), endpoint));
    return breaker;
  }

  private report(state: BreakerState, endpoint: string | undefined): void {
    const { system } = this.reporter;
    this.reporter.emit({ type: 'breaker', system, ...(endpoint ? { endpoint } : {}), state });
    const line = { system, ...(endpoint ? { endpoint } : {}), breaker: state };
    if (state === 'open') this.reporter.logger?.warn(line, 'circuit opened');
    else this.reporter.logger?.info(line, `circuit ${state}`);
  }
}

function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}
