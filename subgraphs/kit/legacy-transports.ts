import { LegacyTransport, type LegacyTransportOptions } from '../../adapters/transport';

type Shared = Pick<LegacyTransportOptions, 'timeoutMs' | 'connections' | 'logger' | 'cache' | 'onEvent' | 'freshReads' | 'tracer'>;

/**
 * The legacy transports of one subgraph process, one per legacy system, all made with the same
 * shared pieces — the deadline per call, the logger, one cache store for stale-if-error (Redis when
 * configured, so replicas share it), one event listener for metrics, the tracer when tracing is on
 * — and remembered for `/readyz` and shutdown.
 *
 * One per system, however many parts of the process ask: the runtime's guardianship check and the
 * subgraph's own adapters both call the registry, and two transports to it would mean two pools, two
 * breakers (one calling on while the other has opened), a doubled concurrency cap and retry budget,
 * and the registry listed twice on `/readyz`.
 */
export class LegacyTransports {
  private readonly made = new Map<string, { transport: LegacyTransport; baseUrl: string }>();

  constructor(private readonly shared: Shared) {}

  /**
   * The process's transport to `system`, made on the first ask; `overrides` for a system that needs
   * other limits, given by whoever asks first. Asking again with another base URL, or with
   * overrides, throws: the second asker would silently get a transport it did not describe.
   */
  create(system: string, baseUrl: string, overrides: Partial<LegacyTransportOptions> = {}): LegacyTransport {
    const made = this.made.get(system);
    if (made) {
      if (made.baseUrl !== baseUrl) throw new Error(`${system}: this process already calls it at another base URL`);
      if (Object.keys(overrides).length > 0) throw new Error(`${system}: its transport is already made; overrides belong to the first create()`);
      return made.transport;
    }
    const transport = new LegacyTransport({ ...this.shared, ...overrides, system, baseUrl });
    this.made.set(system, { transport, baseUrl });
    return transport;
  }

  all(): LegacyTransport[] {
    return [...this.made.values()].map((m) => m.transport);
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((t) => t.close()));
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
