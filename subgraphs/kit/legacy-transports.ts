import { LegacyTransport, type LegacyTransportOptions } from '../../adapters/transport';

type Shared = Pick<LegacyTransportOptions, 'timeoutMs' | 'logger' | 'cache' | 'onEvent' | 'freshReads'>;

/**
 * Makes every legacy transport of one subgraph process with the same shared pieces — the deadline
 * per call, the logger, one cache store for stale-if-error (Redis when configured, so replicas
 * share it), one event listener for metrics — and remembers them for `/readyz` and shutdown.
 */
export class LegacyTransports {
  private readonly made: LegacyTransport[] = [];

  constructor(private readonly shared: Shared) {}

  /** A transport to `system` at `baseUrl`; `overrides` for a system that needs other limits. */
  create(system: string, baseUrl: string, overrides: Partial<LegacyTransportOptions> = {}): LegacyTransport {
    const transport = new LegacyTransport({ ...this.shared, ...overrides, system, baseUrl });
    this.made.push(transport);
    return transport;
  }

  all(): ReadonlyArray<LegacyTransport> {
    return this.made;
  }

  async close(): Promise<void> {
    await Promise.all(this.made.map((t) => t.close()));
  }
}

/** What every subgraph's `create` may be handed by the process that runs it. */
export interface SubgraphOptions {
  /**
   * The process's transport factory; absent (a test building one subgraph), the subgraph makes
   * its own with an in-memory cache and closes it itself.
   */
  transports?: LegacyTransports;
}

/**
 * The transports a subgraph builds its adapters on: the process's when it was handed them, else
 * its own (closed by `closeOwn`, which leaves the process's to the process).
 */
export function transportsFor(options: SubgraphOptions, own: Shared): { transports: LegacyTransports; closeOwn(): Promise<void> } {
  if (options.transports) return { transports: options.transports, closeOwn: async () => undefined };
  const transports = new LegacyTransports(own);
  return { transports, closeOwn: () => transports.close() };
}
