import { createLogger } from '../platform/logging';
import { OperationLabels, startTracing } from '../platform/telemetry';
import { gatewayConfigFromEnv } from './gateway-config';
import { startGateway } from './gateway-server';

/**
 * The gateway run alone: configuration from the environment, stop cleanly on SIGTERM, and read
 * the supergraph (and its contract variants) again on SIGHUP, serving them if they check out.
 */
async function main(): Promise<void> {
  // Unless this is set, @apollo/gateway sends anonymous usage data to Apollo's servers every hour
  // and, to label it, probes the AWS, GCP, Azure and Alibaba metadata endpoints at start-up. The
  // city's gateway makes no calls to third parties; an operator who wants them sets it to 'false'.
  // (Processes we start get it from deploy/node-process.ts; this covers a gateway started by hand.)
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const config = gatewayConfigFromEnv(process.env);
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  // Spans may name the operations this gateway serves; off (no OTEL endpoint), this loads nothing.
  const operationLabels = config.trustedDocuments ? new OperationLabels(config.trustedDocuments.names) : OperationLabels.published();
  const tracing = startTracing(config.tracing, { serviceName: 'gateway', logger, operationLabels });
  const gateway = await startGateway(config, { logger, ...(tracing.tracer ? { tracer: tracing.tracer } : {}) });
  process.stdout.write(`gateway ${gateway.graphqlUrl}\n`);
  const stop = (): void => {
    logger.info('stopping');
    void gateway
      .close()
      .then(() => tracing.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Each outcome is logged where it happens; a failed reload keeps what is served.
  process.on('SIGHUP', () => void gateway.reload('signal'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
