import { createLogger } from '../platform/logging';
import { gatewayConfigFromEnv } from './gateway-config';
import { startGateway } from './gateway-server';

/** The gateway run alone: configuration from the environment, stop cleanly on SIGTERM. */
async function main(): Promise<void> {
  // Unless this is set, @apollo/gateway sends anonymous usage data to Apollo's servers every hour
  // and, to label it, probes the AWS, GCP, Azure and Alibaba metadata endpoints at start-up. The
  // city's gateway makes no calls to third parties; an operator who wants them sets it to 'false'.
  // (Processes we start get it from deploy/node-process.ts; this covers a gateway started by hand.)
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const config = gatewayConfigFromEnv(process.env);
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const gateway = await startGateway(config, { logger });
  process.stdout.write(`gateway ${gateway.graphqlUrl}\n`);
  const stop = (): void => {
    logger.info('stopping');
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
