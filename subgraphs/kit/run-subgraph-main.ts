import type { Env } from '../../platform/config';
import { createLogger, type Logger } from '../../platform/logging';
import { startTracing, type Tracing } from '../../platform/telemetry';
import type { SubgraphOptions } from './legacy-transports';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphContext } from './subgraph-context';
import { createSubgraphRuntime } from './subgraph-runtime';
import { type SubgraphDefinition, startSubgraph } from './subgraph-service';

/**
 * The entry point of a subgraph run alone (its own process, its own container): configuration
 * from the environment, then serve until SIGTERM, finishing the requests in flight.
 */
export function runSubgraphMain<C extends SubgraphConfig, TContext extends SubgraphContext>(
  name: string,
  configFromEnv: (env: Env) => C,
  create: (config: C, logger: Logger, options: SubgraphOptions) => SubgraphDefinition<TContext>,
): void {
  let running: { close(): Promise<void> } | undefined;
  let runtimeClose: (() => Promise<void>) | undefined;
  let tracing: Tracing | undefined;
  let log: Logger | undefined;
  const start = async (): Promise<void> => {
    const config = configFromEnv(process.env);
    const logger = createLogger({ service: `subgraph:${name}`, level: config.logLevel });
    log = logger;
    // Before anything that makes spans: off (no OTEL endpoint), this loads nothing.
    tracing = startTracing(config.tracing, { serviceName: name, logger });
    const runtime = await createSubgraphRuntime(config, logger, { service: `subgraph:${name}`, ...(tracing.tracer ? { tracer: tracing.tracer } : {}) });
    runtimeClose = () => runtime.close();
    const definition = create(config, logger, { transports: runtime.transports });
    const subgraph = await startSubgraph(definition, runtime, { port: config.port, host: config.host });
    running = subgraph;
    process.stdout.write(`subgraph:${name} ${subgraph.url}/graphql\n`);
  };
  const started = start();
  // Listening for SIGTERM from the first moment: a stop that arrives while the service is still
  // starting (its store opening in the background) waits for the start, then closes cleanly.
  const stop = (): void => {
    log?.info('stopping');
    void started
      .catch(() => undefined)
      .then(async () => {
        await running?.close();
        await runtimeClose?.();
        // Last: the spans of the requests that just finished are exported before the exit.
        await tracing?.shutdown();
      })
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  started.catch((error: unknown) => {
    process.stderr.write(`subgraph:${name} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
