import { createLogger, type Logger } from '../../platform/logging';
import type { Env } from '../../platform/config';
import type { SubgraphConfig } from './subgraph-config';
import type { SubgraphContext } from './subgraph-context';
import { createSubgraphRuntime } from './subgraph-runtime';
import { startSubgraph, type SubgraphDefinition } from './subgraph-service';

/**
 * The entry point of a subgraph run alone (its own process, its own container): configuration
 * from the environment, then serve until SIGTERM, finishing the requests in flight.
 */
export function runSubgraphMain<C extends SubgraphConfig, TContext extends SubgraphContext>(
  name: string,
  configFromEnv: (env: Env) => C,
  create: (config: C, logger: Logger) => SubgraphDefinition<TContext>,
): void {
  const start = async (): Promise<void> => {
    const config = configFromEnv(process.env);
    const logger = createLogger({ service: `subgraph:${name}`, level: config.logLevel });
    const runtime = await createSubgraphRuntime(config, logger);
    const running = await startSubgraph(create(config, logger), runtime, { port: config.port, host: config.host });
    process.stdout.write(`subgraph:${name} ${running.url}/graphql\n`);
    const stop = (): void => {
      logger.info('stopping');
      void running.close().then(() => runtime.close()).then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  };
  start().catch((error: unknown) => {
    process.stderr.write(`subgraph:${name} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
